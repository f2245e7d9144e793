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
        header_(legible("results-detail.header")),
        cell_(legible("results-detail.cell")),
        center_(legible("results-detail.center")),
        side_padding_(layout_.length("results-detail.side-padding")),
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
  style::Style legible(const char* name) const {
    style::Style s = view_.style(name);
    s.size = std::max(s.size, layout_.length("results-detail.min-size"));
    return s;
  }

  layout::ColumnSpec fixed(const char* name) const {
    return {layout::ColumnSpec::Kind::fixed, layout_.length(std::string("results-detail.column.") + name)};
  }
  // A text column's share of what the fixed columns leave.
  layout::ColumnSpec share(const char* name) const {
    return {layout::ColumnSpec::Kind::proportional, layout_.length(std::string("results-detail.share.") + name)};
  }

  // A column as wide as its widest cell: a classification, the 目標 / 実績
  // labels, a rate, a judgement and their headers.
  static layout::ColumnSpec fitted() { return {layout::ColumnSpec::Kind::automatic, 0}; }

  // The years' figures columns take the layout's length and grow to their
  // year (令和5年度) and their widest figure with its unit (unbreakable runs),
  // never breaking them.
  std::vector<layout::ColumnSpec> columns() const {
    std::vector<layout::ColumnSpec> c{fitted(), share("title"), fixed("depts"), share("measures")};
    for (std::size_t y = 0; y < years_.size(); ++y) {
      c.push_back(share("planned"));
      c.push_back(share("done"));
    }
    c.push_back(share("indicator"));
    c.push_back(fitted());  // 目標 / 実績
    for (std::size_t y = 0; y < years_.size(); ++y) c.push_back(fixed("figures"));
    for (auto spec : {fitted(), fitted(), share("reason"), share("next")}) c.push_back(spec);
    return c;
  }

  // A cell in a style, its padding at the sides the layout's side padding:
  // 19 columns share the measure, and a point less on each side of each is a
  // character more for the text columns.
  TableCell styled(const style::Style& style) const {
    TableCell c = styled_cell(style);
    c.padding.left = c.padding.right = side_padding_;
    return c;
  }

  // A header cell; an unbreakable text (a year over its figures column)
  // widens its column rather than break.
  TableCell header_cell(const std::string& text, std::size_t colspan, std::size_t rowspan,
                        bool unbreakable = false) const {
    TableCell c = styled(header_);
    c.colspan = colspan;
    c.rowspan = rowspan;
    c.valign = layout::VerticalAlign::middle;
    if (text.empty()) return c;
    // A word may give its lines (未達成 / の理由), as a narrow column reads them.
    std::vector<InlineRun> runs = text_lines(text, header_, view_);
    for (auto& r : runs) r.unbreakable = unbreakable;
    c.blocks.emplace_back(paragraph(header_, std::move(runs)));
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
    groups.cells.push_back(header_cell(word("figures"), years + 1, 1));
    for (const char* name : {"rate", "judgement", "reason", "next"}) {
      groups.cells.push_back(header_cell(word(name), 1, 3));
    }
    for (int y : years_) year_row.cells.push_back(header_cell(year_word(y), 2, 1));
    year_row.cells.push_back(header_cell("", 1, 2));  // over the 目標 / 実績 labels
    for (int y : years_) year_row.cells.push_back(header_cell(year_word(y), 1, 2, true));
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
    TableCell c = styled(style);
    for (auto& p : paragraphs) c.blocks.emplace_back(std::move(p));
    return c;
  }

  ParagraphBox plain(const std::string& text, const style::Style& style, bool unbreakable = false) const {
    InlineRun r = view_.run(text, style);
    r.unbreakable = unbreakable;
    return paragraph(style, {std::move(r)});
  }

  static ParagraphBox paragraph(const style::Style& style, std::vector<InlineRun> runs) {
    ParagraphBox p;
    p.runs = std::move(runs);
    p.style = style;
    return p;
  }

  ParagraphBox rich(const model::RichText& text) const {
    ParagraphBox p = paragraph(cell_, {});
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

  // One numbered point of a year's text: its paragraph and the measures its
  // marks name ("①. ②見直し" names ① and ②); none for text before any mark.
  struct Point {
    ParagraphBox paragraph;
    std::optional<std::size_t> first, last;  // measure indices
  };

  // Typed text such as "①…した。 ②…する。" as one paragraph per numbered
  // point, each number hanging. A number after a point that holds only
  // punctuation ("①. ②見直し") stays on its line.
  std::vector<Point> numbered_points(const model::RichText& text) const {
    const ParagraphBox whole = rich(text);
    std::vector<Point> out;
    Point current{paragraph(cell_, {}), {}, {}};
    std::size_t content = 0;  // characters of the current point after its number
    auto start_point = [&](InlineRun mark, std::size_t measure) {
      if (!current.paragraph.runs.empty()) out.push_back(std::move(current));
      current = Point{paragraph(cell_, {std::move(mark)}), measure, measure};
      current.paragraph.hang_after_first_run = true;
      content = 0;
    };
    for (const InlineRun& run : whole.runs) {
      if (run.line_break) {
        current.paragraph.runs.push_back(run);
        continue;
      }
      std::size_t from = 0;
      for (std::size_t i = 0; i < run.text.size(); ++i) {
        if ((static_cast<unsigned char>(run.text[i]) & 0xC0) == 0x80) continue;
        if (circled_number_at(run.text, i)) {
          const std::size_t measure = static_cast<unsigned char>(run.text[i + 2]) - 0xA0;
          const bool first = i == 0 && current.paragraph.runs.empty() && out.empty();
          const std::size_t space = space_before(run.text, i);
          if (first || (space > 0 && content > 1)) {
            if (i - space > from) current.paragraph.runs.push_back(part_of(run, from, i - space));
            start_point(part_of(run, i, i + 3), measure);
            from = i + 3;
            i += 2;
            continue;
          }
          if (current.first && content <= 1) current.last = measure;
        }
        if (run.text[i] != ' ' && run.text.compare(i, 3, "\xE3\x80\x80") != 0) ++content;
      }
      if (from < run.text.size()) current.paragraph.runs.push_back(part_of(run, from, run.text.size()));
    }
    if (!current.paragraph.runs.empty()) out.push_back(std::move(current));
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
    for (const auto& name : names) out.push_back(plain(name, cell_));
    return out;
  }

  std::vector<ParagraphBox> measures(const model::PlanItem& item) const {
    std::vector<ParagraphBox> out;
    for (std::size_t k = 0; k < item.measures.size(); ++k) {
      ParagraphBox p = paragraph(
          cell_,
          {view_.run(layout_.word("results-detail.measure-mark", {{"n", compute::measure_numeral(k)}}), cell_)});
      add_rich_text(item.measures[k].text, cell_, view_, p);
      p.hang_after_first_run = true;
      out.push_back(std::move(p));
    }
    return out;
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

  // A cell of the 目標 row or the 実績 row under it: a dotted rule parts
  // the two rows of one indicator.
  TableCell figure_row_cell(bool target, std::vector<ParagraphBox> paragraphs = {}) const {
    TableCell c = cell(cell_, std::move(paragraphs));
    (target ? c.borders.bottom : c.borders.top).style = layout::BorderStyle::dotted;
    c.labels_rows = false;
    return c;
  }

  // One year's 目標 or 実績: a figure flush right, so that the digits of
  // every year and indicator stand on the column's right edge; a typed text
  // or a pending result's reason as the text runs.
  TableCell figure(std::vector<InlineRun> value, bool is_figure, bool target) const {
    if (value.empty()) return figure_row_cell(target);
    ParagraphBox p = paragraph(cell_, std::move(value));
    if (is_figure) p.style.align = style::Align::right;
    return figure_row_cell(target, {std::move(p)});
  }

  TableCell target(const model::Indicator& indicator, int fy) const {
    const model::Target* t = indicator.target(fy);
    if (!t) return figure_row_cell(true);
    return figure(value_runs(t->value, t->text, indicator), t->value.has_value(), true);
  }

  TableCell actual(const model::Indicator& indicator, int fy) const {
    const model::Actual* a = indicator.actual(fy);
    if (!a) return figure_row_cell(false);
    if (a->pending) {
      // The reason it is not known yet (新年度集計のため未定) when given, else 未定.
      return figure({a->pending->value.empty() ? view_.run(word("pending"), cell_) : view_.run(*a->pending, cell_)},
                    false, false);
    }
    return figure(value_runs(a->value, a->text, indicator), a->value.has_value(), false);
  }

  // The rows of an item: one per measure (its year cells side by side) and
  // one per indicator, as many as the more numerous of the two; the other
  // kind's cells span the rows in equal shares. 分類, 計画名, 担当課 and
  // 取組内容 span them all. An indicator's rows open with a row of its own
  // for 目標, as tall as the targets need; the measures' cells span it.
  void add_item(const model::PlanItem& item, const std::string& classification,
                std::vector<layout::TableRow>& body) const {
    const std::size_t measure_rows = std::max<std::size_t>(1, item.measures.size());
    const std::size_t indicator_rows = std::max<std::size_t>(1, item.indicators.size());
    const std::size_t rows = std::max(measure_rows, indicator_rows);
    auto share = [rows](std::size_t k, std::size_t of) { return k * rows / of; };
    // The grid row a row of the item starts on: each indicator's first row
    // has its 目標 row before it.
    auto at = [&](std::size_t r) {
      std::size_t targets = 0;
      for (std::size_t k = 0; k < indicator_rows; ++k) targets += share(k, indicator_rows) < r;
      return r + targets;
    };
    std::vector<layout::TableRow> grid(rows + indicator_rows);
    // Cells go to the row they start on, column by column: each row's cells
    // are then in source order.
    auto place = [&](TableCell c, std::size_t from, std::size_t to) {
      c.rowspan = to - from;
      grid[from].cells.push_back(std::move(c));
    };
    // 分類, 計画名 and 担当課 say which item a continued row belongs to; the
    // measures and the years' plans span rows too, but are content.
    auto with_label = [](TableCell c, bool labels) {
      c.labels_rows = labels;
      return c;
    };
    // 分類 and 計画名 head the item's rows.
    auto heading = [](TableCell c) {
      c.heads_row = true;
      return c;
    };
    const std::size_t end = at(rows);
    place(heading(with_label(cell(center_, {plain(classification, center_)}), true)), 0, end);
    place(heading(with_label(cell(cell_, {paragraph(cell_, {view_.run(item.title, cell_)})}), true)), 0, end);
    place(with_label(cell(cell_, departments(item)), true), 0, end);
    place(with_label(cell(cell_, measures(item)), false), 0, end);
    for (int fy : years_) {
      const model::YearPlan* plan = nullptr;
      for (const auto& y : item.years) {
        if (y.fy.value == fy) plan = &y;
      }
      for (const auto* text : {plan ? &plan->planned : nullptr, plan ? &plan->done : nullptr}) {
        for (auto& [paragraphs, first, last] : by_measure(text && *text ? numbered_points(**text) : std::vector<Point>{},
                                                          measure_rows)) {
          place(with_label(cell(cell_, std::move(paragraphs)), false), at(share(first, measure_rows)),
                at(share(last, measure_rows)));
        }
      }
    }
    for (std::size_t k = 0; k < indicator_rows; ++k) {
      const std::size_t top = at(share(k, indicator_rows)), bottom = at(share(k + 1, indicator_rows));
      IndicatorCells cells = item.indicators.empty() ? no_indicator() : indicator_cells(item.indicators[k]);
      place(std::move(cells.name), top, bottom);
      for (auto& c : cells.targets) place(std::move(c), top, top + 1);
      for (auto& c : cells.results) place(std::move(c), top, bottom);
      for (auto& c : cells.actuals) place(std::move(c), top + 1, bottom);
    }
    for (auto& row : grid) body.push_back(std::move(row));
  }

  // A year's points grouped by the measures they name: each group's
  // paragraphs and its measures [first, end). A point naming several
  // measures spans them; text before the first mark goes with ①, text with
  // no mark at all spans every measure, and so does no text.
  struct MeasureCell {
    std::vector<ParagraphBox> paragraphs;
    std::size_t first = 0, end = 0;
  };
  static std::vector<MeasureCell> by_measure(std::vector<Point> points, std::size_t count) {
    // A year with no text: one empty cell, not rows of nothing.
    if (points.empty()) return {MeasureCell{{}, 0, count}};
    std::vector<std::vector<ParagraphBox>> at(count);
    std::vector<std::size_t> reach(count);
    for (std::size_t m = 0; m < count; ++m) reach[m] = m;
    const bool numbered = std::any_of(points.begin(), points.end(), [](const Point& p) { return p.first.has_value(); });
    for (auto& p : points) {
      const std::size_t first = std::min(p.first.value_or(0), count - 1);
      const std::size_t last = numbered ? std::min(std::max(p.last.value_or(first), first), count - 1) : count - 1;
      reach[first] = std::max(reach[first], last);
      at[first].push_back(std::move(p.paragraph));
    }
    std::vector<MeasureCell> out;
    for (std::size_t m = 0; m < count;) {
      MeasureCell c{{}, m, m + 1};
      for (std::size_t k = m; k < c.end; ++k) {
        c.end = std::max(c.end, reach[k] + 1);
        for (auto& p : at[k]) c.paragraphs.push_back(std::move(p));
      }
      m = c.end;
      out.push_back(std::move(c));
    }
    return out;
  }

  // An indicator's cells: its name, spanning its rows; the 目標 label and
  // each year's target in its 目標 row; its 達成率, 達成, 未達成の理由 and
  // 今後の対応策, spanning its rows; the 実績 label and each year's actual in
  // the rows under its 目標 row.
  struct IndicatorCells {
    TableCell name;
    std::vector<TableCell> targets, results, actuals;
  };

  // An item without indicators: its cells empty.
  IndicatorCells no_indicator() const {
    IndicatorCells out;
    out.name = cell(cell_);
    out.name.labels_rows = false;
    out.targets.assign(1 + years_.size(), figure_row_cell(true));
    out.results.assign(4, out.name);
    out.actuals.assign(1 + years_.size(), figure_row_cell(false));
    return out;
  }

  IndicatorCells indicator_cells(const model::Indicator& indicator) const {
    IndicatorCells out;
    out.name = cell(cell_, {paragraph(cell_, {view_.run(indicator.name, cell_)})});
    // Where the indicator's rows continue on a new page, its name is drawn again.
    out.name.labels_rows = true;
    out.name.heads_row = true;  // the indicator's name heads its row
    out.targets.push_back(figure_row_cell(true, {plain(word("target"), cell_, true)}));
    out.actuals.push_back(figure_row_cell(false, {plain(word("actual"), cell_, true)}));
    for (int fy : years_) {
      out.targets.push_back(target(indicator, fy));
      out.actuals.push_back(actual(indicator, fy));
    }
    // The view year's result; none when the indicator has no target that year.
    const auto found = results_.find(&indicator);
    if (found == results_.end()) {
      for (int c = 0; c < 2; ++c) out.results.push_back(cell(center_));
    } else {
      const compute::IndicatorResult& r = found->second;
      out.results.push_back(cell(center_, {plain(compute::format_rate(r.rate), center_, true)}));
      const char* judgement = r.judgement == compute::Judgement::met     ? "met"
                              : r.judgement == compute::Judgement::unmet ? "unmet"
                                                                         : "undecided";
      out.results.push_back(cell(center_, {plain(word(judgement), center_)}));
    }
    const model::YearText* reason = indicator.reason(fy_);
    const model::YearText* next = indicator.next(fy_);
    out.results.push_back(cell(cell_, reason ? std::vector<ParagraphBox>{rich(reason->text)} : std::vector<ParagraphBox>{}));
    out.results.push_back(cell(cell_, next ? std::vector<ParagraphBox>{rich(next->text)} : std::vector<ParagraphBox>{}));
    for (auto& c : out.results) c.labels_rows = false;
    return out;
  }

  const ViewContext& view_;
  const style::LayoutSet& layout_;
  // The layout's styles, their type no smaller than its minimum for the table.
  const style::Style header_;
  const style::Style cell_;
  const style::Style center_;
  const double side_padding_;  // pt
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
