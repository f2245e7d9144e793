// <results-detail>: 資料1's landscape detail table of a period (plan-format.md
// §7, §9.4, §9.7–9.9, §9.22). Per item: 分類, 計画名, 担当課, 取組内容 and every
// year's 計画 / 取組状況, spanning one row per indicator; per indicator: 成果指標,
// every year's 目標 / 実績, and the view year's 達成率, 達成, 未達成の理由 and
// 今後の対応策.
#include <algorithm>
#include <map>

#include "compose/plan_views.h"
#include "compute/japanese_date.h"
#include "compute/numbering.h"
#include "compute/results.h"
#include "model/references.h"

namespace shiryo::compose {
namespace {

using layout::InlineRun;
using layout::ParagraphBox;
using layout::TableCell;

// ① … ⑳ (U+2460–U+2473), as writers number the points of a plan text.
bool circled_number_at(const std::string& s, std::size_t at) {
  return at + 2 < s.size() && static_cast<unsigned char>(s[at]) == 0xE2 &&
         static_cast<unsigned char>(s[at + 1]) == 0x91 && static_cast<unsigned char>(s[at + 2]) >= 0xA0 &&
         static_cast<unsigned char>(s[at + 2]) <= 0xB3;
}

// The bytes of the space ending at `end` (ASCII or ideographic), 0 if none.
std::size_t space_before(const std::string& s, std::size_t end) {
  if (end >= 1 && s[end - 1] == ' ') return 1;
  if (end >= 3 && s.compare(end - 3, 3, "\xE3\x80\x80") == 0) return 3;
  return 0;
}

class DetailTable {
 public:
  DetailTable(const ViewContext& view, const model::Period& period, int fy)
      : view_(view),
        layout_(view.layout()),
        header_(view.style("results-detail.header")),
        cell_(view.style("results-detail.cell")),
        center_(view.style("results-detail.center")),
        period_(period),
        fy_(fy) {
    for (int y = period.from_fy.value; y <= period.to_fy.value; ++y) years_.push_back(y);
    for (auto& r : compute::year_results(period, fy, false).indicators) {
      const model::Indicator* key = r.indicator;
      results_.emplace(key, std::move(r));
    }
  }

  layout::TableBox table(const model::Goal* only, std::size_t offset) const {
    layout::TableBox t;
    t.columns = columns();
    t.header = header();
    for (std::size_t g = 0; g < period_.goals.size(); ++g) {
      const model::Goal& goal = period_.goals[g];
      if (only && &goal != only) continue;
      for (std::size_t a = 0; a < goal.areas.size(); ++a) {
        for (std::size_t i = 0; i < goal.areas[a].items.size(); ++i) {
          add_item(goal.areas[a].items[i], compute::classification(g, a, i), t.body);
        }
      }
    }
    mark_continuations(t, view_);
    t.source_offset = offset;
    t.space_after = cell_.space_after;
    return t;
  }

 private:
  layout::ColumnSpec fixed(const char* name) const {
    return {layout::ColumnSpec::Kind::fixed, layout_.length(std::string("results-detail.column.") + name)};
  }
  // A text column's share of what the fixed columns leave.
  layout::ColumnSpec share(const char* name) const {
    return {layout::ColumnSpec::Kind::proportional, layout_.length(std::string("results-detail.share.") + name)};
  }

  std::vector<layout::ColumnSpec> columns() const {
    std::vector<layout::ColumnSpec> c{fixed("class"), share("title"), fixed("depts"), share("measures")};
    for (std::size_t y = 0; y < years_.size(); ++y) {
      c.push_back(share("planned"));
      c.push_back(share("done"));
    }
    c.push_back(share("indicator"));
    for (std::size_t y = 0; y < years_.size(); ++y) c.push_back(fixed("figures"));
    for (auto spec : {fixed("rate"), fixed("judgement"), share("reason"), share("next")}) c.push_back(spec);
    return c;
  }

  TableCell header_cell(const std::string& text, std::size_t colspan, std::size_t rowspan) const {
    TableCell c = styled_cell(header_);
    c.colspan = colspan;
    c.rowspan = rowspan;
    c.valign = layout::VerticalAlign::middle;
    c.blocks.emplace_back(view_.paragraph("results-detail.header", {view_.run(text, header_)}));
    return c;
  }

  std::string word(const char* name) const { return layout_.word(std::string("results-detail.") + name); }

  // Three rows as the seed has them: the groups 計画と取組状況 and 目標と実績,
  // their years, and each year's 計画 / 取組状況.
  std::vector<layout::TableRow> header() const {
    const std::size_t years = years_.size();
    layout::TableRow groups, year_row, plan_row;
    for (const char* name : {"class", "title", "depts", "measures"}) {
      groups.cells.push_back(header_cell(word(name), 1, 3));
    }
    groups.cells.push_back(header_cell(word("plan"), 2 * years, 1));
    groups.cells.push_back(header_cell(word("indicator"), 1, 3));
    groups.cells.push_back(header_cell(word("figures"), years, 1));
    for (const char* name : {"rate", "judgement", "reason", "next"}) {
      groups.cells.push_back(header_cell(word(name), 1, 3));
    }
    for (int y : years_) year_row.cells.push_back(header_cell(year_word(y), 2, 1));
    for (int y : years_) year_row.cells.push_back(header_cell(year_word(y), 1, 2));
    for (std::size_t y = 0; y < years; ++y) {
      plan_row.cells.push_back(header_cell(word("planned"), 1, 1));
      plan_row.cells.push_back(header_cell(word("done"), 1, 1));
    }
    return {std::move(groups), std::move(year_row), std::move(plan_row)};
  }

  std::string year_word(int fy) const {
    return layout_.word("results-detail.year", {{"year", compute::format_fiscal_year(fy)}});
  }

  TableCell cell(const style::Style& style, std::vector<ParagraphBox> paragraphs = {}) const {
    TableCell c = styled_cell(style);
    for (auto& p : paragraphs) c.blocks.emplace_back(std::move(p));
    return c;
  }

  ParagraphBox plain(const std::string& text, const char* style_name, const style::Style& style,
                     bool unbreakable = false) const {
    InlineRun r = view_.run(text, style);
    r.unbreakable = unbreakable;
    return view_.paragraph(style_name, {std::move(r)});
  }

  ParagraphBox rich(const model::RichText& text) const {
    ParagraphBox p = view_.paragraph("results-detail.cell", {});
    add_rich_text(text, cell_, view_, p);
    return p;
  }

  // Bytes [from, to) of `run`, keeping its place in the source.
  InlineRun part_of(const InlineRun& run, std::size_t from, std::size_t to) const {
    InlineRun r = run;
    r.text = run.text.substr(from, to - from);
    r.origin.reset();
    if (run.origin && view_.packet().source) {
      r.origin = model::SourceText{r.text, model::source_offset(*view_.packet().source, *run.origin, from)};
    }
    return r;
  }

  // Typed text such as "①…した。 ②…する。" as one paragraph per numbered
  // point, each number hanging. A number after a point that holds only
  // punctuation ("①. ②見直し") stays on its line.
  std::vector<ParagraphBox> numbered_points(const model::RichText& text) const {
    const ParagraphBox whole = rich(text);
    std::vector<ParagraphBox> out;
    ParagraphBox current = view_.paragraph("results-detail.cell", {});
    std::size_t content = 0;  // characters of the current point after its number
    auto start_point = [&](InlineRun mark) {
      if (!current.runs.empty()) out.push_back(std::move(current));
      current = view_.paragraph("results-detail.cell", {std::move(mark)});
      current.hang_after_first_run = true;
      content = 0;
    };
    for (const InlineRun& run : whole.runs) {
      if (run.line_break) {
        current.runs.push_back(run);
        continue;
      }
      std::size_t from = 0;
      for (std::size_t i = 0; i < run.text.size(); ++i) {
        if ((static_cast<unsigned char>(run.text[i]) & 0xC0) == 0x80) continue;
        if (circled_number_at(run.text, i)) {
          const bool first = i == 0 && current.runs.empty() && out.empty();
          const std::size_t space = space_before(run.text, i);
          if (first || (space > 0 && content > 1)) {
            if (i - space > from) current.runs.push_back(part_of(run, from, i - space));
            start_point(part_of(run, i, i + 3));
            from = i + 3;
            i += 2;
            continue;
          }
        }
        if (run.text[i] != ' ' && run.text.compare(i, 3, "\xE3\x80\x80") != 0) ++content;
      }
      if (from < run.text.size()) current.runs.push_back(part_of(run, from, run.text.size()));
    }
    if (!current.runs.empty()) out.push_back(std::move(current));
    return out;
  }

  std::vector<ParagraphBox> departments(const model::PlanItem& item) const {
    std::vector<std::string> names = item.depts;
    if (names.empty()) {
      for (const auto& m : item.measures) {
        for (const auto& d : m.depts) {
          if (std::find(names.begin(), names.end(), d) == names.end()) names.push_back(d);
        }
      }
    }
    std::vector<ParagraphBox> out;
    for (const auto& name : names) out.push_back(plain(name, "results-detail.cell", cell_));
    return out;
  }

  std::vector<ParagraphBox> measures(const model::PlanItem& item) const {
    std::vector<ParagraphBox> out;
    for (std::size_t k = 0; k < item.measures.size(); ++k) {
      ParagraphBox p = view_.paragraph(
          "results-detail.cell",
          {view_.run(layout_.word("results-detail.measure-mark", {{"n", compute::measure_numeral(k)}}), cell_)});
      add_rich_text(item.measures[k].text, cell_, view_, p);
      p.hang_after_first_run = true;
      out.push_back(std::move(p));
    }
    return out;
  }

  // A labelled figure, `目標 {value}`: the value runs where the word has `{value}`.
  ParagraphBox labelled(const char* name, std::vector<InlineRun> value) const {
    const std::string text = word(name);
    const std::string key = "{value}";
    const std::size_t at = text.find(key);
    ParagraphBox p = view_.paragraph("results-detail.cell", {});
    if (at == std::string::npos) {
      p.runs.push_back(view_.run(text, cell_));
      return p;
    }
    if (at > 0) p.runs.push_back(view_.run(text.substr(0, at), cell_));
    for (auto& r : value) p.runs.push_back(std::move(r));
    if (at + key.size() < text.size()) p.runs.push_back(view_.run(text.substr(at + key.size()), cell_));
    return p;
  }

  // A target's or an actual's value: a number with its unit, never split, or the typed text.
  std::vector<InlineRun> value_runs(const std::optional<model::Number>& number,
                                    const std::optional<model::RichText>& text,
                                    const model::Indicator& indicator) const {
    if (number) {
      InlineRun r = view_.run(compute::format_value(number->value, indicator), cell_);
      r.unbreakable = true;
      return {std::move(r)};
    }
    if (text) return rich(*text).runs;
    return {};
  }

  // 目標 and 実績 of one year; a line only for what the packet gives.
  TableCell figures(const model::Indicator& indicator, int fy) const {
    std::vector<ParagraphBox> lines;
    if (const model::Target* t = indicator.target(fy)) {
      lines.push_back(labelled("target", value_runs(t->value, t->text, indicator)));
    }
    if (const model::Actual* a = indicator.actual(fy)) {
      if (a->pending) {
        // The reason it is not known yet (新年度集計のため未定) when given, else 未定.
        lines.push_back(labelled("actual", {a->pending->value.empty() ? view_.run(word("pending"), cell_)
                                                                      : view_.run(*a->pending, cell_)}));
      } else if (a->value || a->text) {
        lines.push_back(labelled("actual", value_runs(a->value, a->text, indicator)));
      }
    }
    return cell(cell_, std::move(lines));
  }

  void add_item(const model::PlanItem& item, const std::string& classification,
                std::vector<layout::TableRow>& body) const {
    const std::size_t rows = std::max<std::size_t>(1, item.indicators.size());
    layout::TableRow first;
    auto spanning = [&](TableCell c) {
      c.rowspan = rows;
      first.cells.push_back(std::move(c));
    };
    // 分類, 計画名 and 担当課 say which item a continued row belongs to.
    auto label = [](TableCell c) {
      c.labels_rows = true;
      return c;
    };
    spanning(label(cell(center_, {plain(classification, "results-detail.center", center_)})));
    spanning(label(cell(cell_, {view_.paragraph("results-detail.cell", {view_.run(item.title, cell_)})})));
    spanning(label(cell(cell_, departments(item))));
    // The measures and each year's plan span the rows too, but are content.
    auto content = [](TableCell c) {
      c.labels_rows = false;
      return c;
    };
    spanning(content(cell(cell_, measures(item))));
    for (int fy : years_) {
      const model::YearPlan* plan = nullptr;
      for (const auto& y : item.years) {
        if (y.fy.value == fy) plan = &y;
      }
      spanning(content(
          cell(cell_, plan && plan->planned ? numbered_points(*plan->planned) : std::vector<ParagraphBox>{})));
      spanning(content(cell(cell_, plan && plan->done ? numbered_points(*plan->done) : std::vector<ParagraphBox>{})));
    }
    if (item.indicators.empty()) {
      for (std::size_t c = 0; c < 1 + years_.size() + 4; ++c) first.cells.push_back(cell(cell_));
      body.push_back(std::move(first));
      return;
    }
    for (std::size_t k = 0; k < item.indicators.size(); ++k) {
      layout::TableRow row = k == 0 ? std::move(first) : layout::TableRow{};
      add_indicator(item.indicators[k], row);
      body.push_back(std::move(row));
    }
  }

  void add_indicator(const model::Indicator& indicator, layout::TableRow& row) const {
    row.cells.push_back(cell(cell_, {view_.paragraph("results-detail.cell", {view_.run(indicator.name, cell_)})}));
    row.cells.back().labels_rows = true;
    for (int fy : years_) row.cells.push_back(figures(indicator, fy));
    // The view year's result; none when the indicator has no target that year.
    const auto found = results_.find(&indicator);
    if (found == results_.end()) {
      for (int c = 0; c < 2; ++c) row.cells.push_back(cell(center_));
    } else {
      const compute::IndicatorResult& r = found->second;
      row.cells.push_back(cell(center_, {plain(compute::format_rate(r.rate), "results-detail.center", center_, true)}));
      const char* judgement = r.judgement == compute::Judgement::met     ? "met"
                              : r.judgement == compute::Judgement::unmet ? "unmet"
                                                                         : "undecided";
      row.cells.push_back(cell(center_, {plain(word(judgement), "results-detail.center", center_)}));
    }
    const model::YearText* reason = indicator.reason(fy_);
    const model::YearText* next = indicator.next(fy_);
    row.cells.push_back(cell(cell_, reason ? std::vector<ParagraphBox>{rich(reason->text)} : std::vector<ParagraphBox>{}));
    row.cells.push_back(cell(cell_, next ? std::vector<ParagraphBox>{rich(next->text)} : std::vector<ParagraphBox>{}));
  }

  const ViewContext& view_;
  const style::LayoutSet& layout_;
  const style::Style& header_;
  const style::Style& cell_;
  const style::Style& center_;
  const model::Period& period_;
  int fy_ = 0;
  std::vector<int> years_;
  std::map<const model::Indicator*, compute::IndicatorResult> results_;
};

}  // namespace

void add_results_detail(const model::View& v, const ViewContext& view, double /*measure*/,
                        std::vector<layout::Block>& out) {
  std::optional<int> fy;
  if (v.fy) fy = v.fy->value;
  const model::Selection s = model::select(view.packet(), v.plan, v.period, v.goal, fy);
  if (!s.period) return;  // check_references has reported it
  const DetailTable detail(view, *s.period, fy.value_or(s.period->to_fy.value));
  out.emplace_back(detail.table(s.goal, v.offset));
}

}  // namespace shiryo::compose
