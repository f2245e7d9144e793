// <plan-sheets>: one A4-landscape sheet per item of a period (plan-format.md
// §7, §9.14, §9.21). A sheet is one table: its header row is the goal/area
// band with the item's SDGs, repeated under （続き） should the sheet need a
// second page (a warning naming the item); its body rows hold the parts —
// 取組項目 / 目指す姿 / 課題, 年次計画, 成果指標, 関連計画 and the notes.
#include <algorithm>
#include <memory>

#include "compose/plan_views.h"
#include "compute/japanese_date.h"
#include "compute/numbering.h"
#include "compute/results.h"
#include "model/references.h"

namespace shiryo::compose {
namespace {

using layout::CellBlock;
using layout::ColumnSpec;
using layout::ParagraphBox;
using layout::TableCell;
using layout::TableRow;

ColumnSpec fixed(double width) { return {ColumnSpec::Kind::fixed, width}; }
ColumnSpec rest() { return {ColumnSpec::Kind::proportional, 1}; }

// A step cell of 年次計画: it starts at its first year's column and spans the
// years its steps run on through, with an arrow under the text.
struct StepCell {
  std::size_t column = 0;  // among the period's years
  std::size_t span = 1;
  std::vector<ParagraphBox> steps;
};

struct MeasureText {
  ParagraphBox text;  // ① and the measure
  ParagraphBox depts;
  std::vector<StepCell> cells;
};

struct IndicatorText {
  ParagraphBox name;
  ParagraphBox baseline;
  std::vector<std::optional<ParagraphBox>> targets;  // per year of the period
  std::vector<ParagraphBox> remarks;
};

// The sheet's texts before they go into tables: footnote marks are set in
// them first, at the first occurrence of each term in the sheet's order.
struct SheetText {
  ParagraphBox title;
  std::vector<ParagraphBox> visions, challenges;
  std::vector<MeasureText> measures;
  std::vector<IndicatorText> indicators;
  std::vector<ParagraphBox> related;
  std::vector<ParagraphBox> notes;

  std::vector<ParagraphBox*> in_order() {
    std::vector<ParagraphBox*> out{&title};
    for (auto& p : visions) out.push_back(&p);
    for (auto& p : challenges) out.push_back(&p);
    for (auto& m : measures) {
      out.push_back(&m.text);
      for (auto& c : m.cells)
        for (auto& p : c.steps) out.push_back(&p);
    }
    for (auto& i : indicators) {
      out.push_back(&i.name);
      out.push_back(&i.baseline);
      for (auto& t : i.targets)
        if (t) out.push_back(&*t);
      for (auto& p : i.remarks) out.push_back(&p);
    }
    for (auto& p : related) out.push_back(&p);
    return out;
  }
};

// Puts `mark` right after the first occurrence of `term` in the paragraph's
// source text; generated words (numerals, labels) are not searched.
bool mark_term(ParagraphBox& p, const std::string& term, layout::InlineRun mark, const diag::SourceFile& source) {
  std::string text;
  std::vector<std::size_t> starts;
  for (const auto& run : p.runs) {
    starts.push_back(text.size());
    text += run.origin ? run.text : std::string(run.text.size(), '\0');
  }
  const std::size_t at = term.empty() ? std::string::npos : text.find(term);
  if (at == std::string::npos) return false;
  const std::size_t end = at + term.size();
  std::size_t i = 0;
  while (i + 1 < starts.size() && starts[i + 1] < end) ++i;
  layout::InlineRun& host = p.runs[i];
  mark.chain = host.chain;
  mark.color = host.color;
  mark.rise += host.rise;
  mark.link = host.link;
  mark.uri = host.uri;
  const std::size_t cut = end - starts[i];
  if (cut < host.text.size()) {
    layout::InlineRun tail = host;
    tail.text = host.text.substr(cut);
    tail.origin = model::SourceText{tail.text, model::source_offset(source, *host.origin, cut)};
    host.text.resize(cut);
    host.origin->value = host.text;
    p.runs.insert(p.runs.begin() + static_cast<long>(i) + 1, std::move(tail));
  }
  p.runs.insert(p.runs.begin() + static_cast<long>(i) + 1, std::move(mark));
  return true;
}

class SheetBuilder {
 public:
  SheetBuilder(const ViewContext& view, const model::Period& period) : view_(view), period_(period) {
    for (int fy = period.from_fy.value; fy <= period.to_fy.value; ++fy) years_.push_back(fy);
  }

  layout::TableBox sheet(const model::Goal& goal, std::size_t g, const model::Area& area, std::size_t a,
                         const model::PlanItem& item, std::size_t i) const {
    const auto& layout = view_.layout();
    SheetText text = texts(item, i);
    set_footnotes(item, text);

    layout::TableBox table;
    table.columns = {rest()};
    table.header.push_back(TableRow{{part_cell({band(goal, g, area, a, item)}, 0)}});
    table.header_is_caption = true;
    const double gap = layout.length("plan-sheets.gap");
    table.body.push_back(TableRow{{part_cell({overview(text)}, 0)}});
    std::vector<CellBlock> schedule_part;
    schedule_part.emplace_back(view_.paragraph(
        "plan-sheets.caption", {view_.run(layout.word("plan-sheets.schedule"), view_.style("plan-sheets.caption"))}));
    layout::NestedTable schedule_table = schedule(text);
    schedule_table.caption_above = true;
    schedule_part.emplace_back(std::move(schedule_table));
    table.body.push_back(TableRow{{part_cell(std::move(schedule_part), gap)}});
    if (!text.indicators.empty()) table.body.push_back(TableRow{{part_cell({indicators(text)}, gap)}});
    if (!text.related.empty()) table.body.push_back(TableRow{{part_cell({related(text)}, gap)}});
    if (!text.notes.empty()) {
      std::vector<CellBlock> notes;
      for (auto& n : text.notes) notes.emplace_back(std::move(n));
      table.body.push_back(TableRow{{part_cell(std::move(notes), gap)}});
    }

    const std::string classification = compute::classification(g, a, i);
    table.continued_mark = continued_mark(view_);
    table.source_offset = item.offset;
    table.anchor = sheet_anchor(period_, item);
    table.bookmark = layout.word("plan-sheets.bookmark", {{"classification", classification}, {"title", item.title.value}});
    table.bookmark_level = 1;
    table.split_warning = "the plan sheet of item " + classification + " " + item.title.value + " (" + item.id.value +
                          ") does not fit on one page; it continues on the next page";
    return table;
  }

 private:
  const style::Style& style(const std::string& name) const { return view_.style(name); }

  ParagraphBox rich(const model::RichText& t, const std::string& style_name) const {
    ParagraphBox p = view_.paragraph(style_name, {});
    add_rich_text(t, p.style, view_, p);
    return p;
  }

  ParagraphBox plain(const std::string& word, const std::string& style_name) const {
    return view_.paragraph(style_name, {view_.run(word, style(style_name))});
  }

  // A ・ item whose continuation lines hang under its text.
  ParagraphBox list_item(const model::RichText& t) const {
    ParagraphBox p = plain(view_.layout().word("plan-sheets.list-mark"), "plan-sheets.list");
    add_rich_text(t, p.style, view_, p);
    p.hang_after_first_run = true;
    return p;
  }

  SheetText texts(const model::PlanItem& item, std::size_t i) const {
    const auto& layout = view_.layout();
    SheetText s;
    s.title = plain(layout.word("plan-sheets.item-title", {{"numeral", compute::item_numeral(i)}}),
                    "plan-sheets.item-title");
    s.title.runs.push_back(view_.run(item.title, style("plan-sheets.item-title")));
    for (const auto& v : item.visions) s.visions.push_back(list_item(v));
    for (const auto& c : item.challenges) s.challenges.push_back(list_item(c));

    for (std::size_t m = 0; m < item.measures.size(); ++m) {
      const model::Measure& measure = item.measures[m];
      MeasureText mt;
      mt.text = plain(compute::measure_numeral(m), "plan-sheets.measure");
      add_rich_text(measure.text, mt.text.style, view_, mt.text);
      mt.text.hang_after_first_run = true;
      // A department's name never parts at a line end; lines break after 、.
      const style::Style& dept_style = style("plan-sheets.dept");
      mt.depts = view_.paragraph("plan-sheets.dept", {});
      for (const auto& d : measure.depts.empty() ? item.depts : measure.depts) {
        if (!mt.depts.runs.empty()) mt.depts.runs.push_back(view_.run(layout.word("plan-sheets.dept-separator"), dept_style));
        mt.depts.runs.push_back(view_.run(d, dept_style));
        mt.depts.runs.back().unbreakable = true;
      }
      mt.cells = step_cells(measure);
      s.measures.push_back(std::move(mt));
    }

    for (const auto& ind : item.indicators) {
      IndicatorText it;
      it.name = view_.paragraph("plan-sheets.indicator", {view_.run(ind.name, style("plan-sheets.indicator"))});
      it.baseline = value_paragraph(ind.baseline_number, nullptr, ind.baseline, ind);
      for (int fy : years_) {
        const model::Target* t = ind.target(fy);
        if (!t) {
          it.targets.emplace_back();
        } else {
          it.targets.push_back(value_paragraph(t->value, t->text ? &*t->text : nullptr, std::nullopt, ind));
        }
      }
      for (const auto& r : ind.remarks) it.remarks.push_back(rich(r, "plan-sheets.remark"));
      s.indicators.push_back(std::move(it));
    }
    for (const auto& r : item.related) s.related.push_back(rich(r, "plan-sheets.cell"));
    return s;
  }

  // A figure as compute formats it (98.4%, 1,000人), else text as typed.
  ParagraphBox value_paragraph(const std::optional<model::Number>& number, const model::RichText* text,
                               const std::optional<model::SourceText>& typed, const model::Indicator& ind) const {
    const style::Style& s = style("plan-sheets.value");
    if (number) {
      layout::InlineRun r = view_.run(compute::format_value(number->value, ind), s);
      r.unbreakable = true;
      return view_.paragraph("plan-sheets.value", {std::move(r)});
    }
    if (text) return rich(*text, "plan-sheets.value");
    if (typed) return view_.paragraph("plan-sheets.value", {view_.run(*typed, s)});
    return view_.paragraph("plan-sheets.value", {});
  }

  std::vector<StepCell> step_cells(const model::Measure& measure) const {
    const std::size_t n = years_.size();
    auto column_of = [&](int fy) {
      return static_cast<std::size_t>(std::clamp(fy - years_.front(), 0, static_cast<int>(n) - 1));
    };
    std::vector<StepCell> cells;
    for (std::size_t c = 0; c < n;) {
      StepCell cell;
      cell.column = c;
      std::size_t end = c;
      // Steps that start inside a span join its cell: no text is lost.
      for (std::size_t k = c; k <= end; ++k) {
        for (const auto& step : measure.steps) {
          if (column_of(step.fy.value) != k) continue;
          cell.steps.push_back(rich(step.text, "plan-sheets.step"));
          if (step.through) end = std::max(end, column_of(step.through->value));
        }
      }
      cell.span = end - c + 1;
      c = end + 1;
      cells.push_back(std::move(cell));
    }
    return cells;
  }

  void set_footnotes(const model::PlanItem& item, SheetText& text) const {
    const auto& layout = view_.layout();
    const style::Style& mark_style = style("plan-sheets.footnote-mark");
    const std::vector<ParagraphBox*> order = text.in_order();
    for (const auto& f : item.footnotes) {
      layout::InlineRun mark = view_.run(f.mark, mark_style);
      mark.rise = layout.length("plan-sheets.footnote-rise");
      bool placed = false;
      for (ParagraphBox* p : order) {
        if ((placed = mark_term(*p, f.term.value, mark, *view_.packet().source))) break;
      }
      if (!placed) {
        view_.diags().warning(view_.packet().source, f.term.offset,
                              "footnote term \"" + f.term.value + "\" does not stand whole in one text of item " +
                                  item.id.value + "'s sheet; its mark is printed with the note only");
      }
      ParagraphBox note = view_.paragraph("plan-sheets.footnote", {view_.run(f.mark, mark_style)});
      note.runs.front().rise = layout.length("plan-sheets.footnote-rise");
      add_rich_text(f.text, note.style, view_, note);
      note.hang_after_first_run = true;
      text.notes.push_back(std::move(note));
    }
  }

  TableCell cell(const std::string& style_name, std::vector<ParagraphBox> paragraphs,
                 layout::VerticalAlign valign = layout::VerticalAlign::top) const {
    TableCell c = styled_cell(style(style_name));
    c.valign = valign;
    for (auto& p : paragraphs) c.blocks.emplace_back(std::move(p));
    return c;
  }

  // 取組項目, 目指す姿, 課題: each heads its row.
  TableCell label(const std::string& word) const {
    TableCell c = cell("plan-sheets.label", {plain(view_.layout().word(word), "plan-sheets.label")},
                       layout::VerticalAlign::middle);
    c.heads_row = true;
    return c;
  }

  TableCell header(const std::string& text) const {
    return cell("plan-sheets.header", {plain(text, "plan-sheets.header")}, layout::VerticalAlign::middle);
  }

  // A body row's cell: no rules of its own, `gap` above what it holds.
  static TableCell part_cell(std::vector<CellBlock> blocks, double gap) {
    TableCell c;
    c.padding.top = gap;
    c.blocks = std::move(blocks);
    return c;
  }

  static layout::NestedTable nested(layout::TableBox table) {
    return layout::NestedTable{std::make_shared<const layout::TableBox>(std::move(table))};
  }

  // Ⅰ 強くしなやかな組織をつくる / (1) 職員の能力向上, and SDGs with the
  // item's goal numbers in small boxes (no SDGs frame for an item without).
  layout::NestedTable band(const model::Goal& goal, std::size_t g, const model::Area& area, std::size_t a,
                           const model::PlanItem& item) const {
    const auto& layout = view_.layout();
    layout::TableBox t;
    t.columns = {rest()};
    TableRow row;
    ParagraphBox goal_line = plain(layout.word("plan-sheets.goal", {{"numeral", compute::goal_numeral(g)}}),
                                   "plan-sheets.goal");
    goal_line.runs.push_back(view_.run(goal.title, style("plan-sheets.goal")));
    ParagraphBox area_line = plain(layout.word("plan-sheets.area", {{"numeral", compute::area_numeral(a)}}),
                                   "plan-sheets.area");
    area_line.runs.push_back(view_.run(area.title, style("plan-sheets.area")));
    row.cells.push_back(cell("plan-sheets.band", {std::move(goal_line), std::move(area_line)}));
    if (!item.sdgs.empty()) {
      t.columns.push_back(fixed(layout.length("plan-sheets.column.sdgs-label")));
      row.cells.push_back(cell("plan-sheets.sdgs-label",
                               {plain(layout.word("plan-sheets.sdgs"), "plan-sheets.sdgs-label")},
                               layout::VerticalAlign::middle));
    }
    for (int goal_number : item.sdgs) {
      t.columns.push_back(fixed(layout.length("plan-sheets.column.sdgs-number")));
      row.cells.push_back(cell("plan-sheets.sdgs-number", {plain(std::to_string(goal_number), "plan-sheets.sdgs-number")},
                               layout::VerticalAlign::middle));
    }
    t.body.push_back(std::move(row));
    return nested(std::move(t));
  }

  // 取組項目 / 目指す姿 / 課題 beside their labels.
  layout::NestedTable overview(SheetText& text) const {
    layout::TableBox t;
    t.columns = {fixed(view_.layout().length("plan-sheets.column.label")), rest()};
    t.body.push_back(TableRow{{label("plan-sheets.item"),
                               cell("plan-sheets.cell", {std::move(text.title)}, layout::VerticalAlign::middle)}});
    t.body.push_back(TableRow{{label("plan-sheets.vision"), cell("plan-sheets.cell", std::move(text.visions))}});
    t.body.push_back(TableRow{{label("plan-sheets.challenge"), cell("plan-sheets.cell", std::move(text.challenges))}});
    return nested(std::move(t));
  }

  std::vector<ColumnSpec> figure_columns(const std::string& second) const {
    const auto& layout = view_.layout();
    std::vector<ColumnSpec> columns{rest(), fixed(layout.length(second))};
    for (std::size_t k = 0; k < years_.size(); ++k) columns.push_back(fixed(layout.length("plan-sheets.column.year")));
    return columns;
  }

  // 取組内容 | 担当課 | one column per year.
  layout::NestedTable schedule(SheetText& text) const {
    const auto& layout = view_.layout();
    layout::TableBox t;
    t.columns = figure_columns("plan-sheets.column.dept");
    TableRow head{{header(layout.word("plan-sheets.measure")), header(layout.word("plan-sheets.dept"))}};
    for (int fy : years_) head.cells.push_back(header(compute::format_fiscal_year(fy)));
    t.header.push_back(std::move(head));
    const style::Style& step_style = style("plan-sheets.step");
    for (auto& m : text.measures) {
      TableRow row{{cell("plan-sheets.cell", {std::move(m.text)}, layout::VerticalAlign::middle),
                    cell("plan-sheets.dept", {std::move(m.depts)}, layout::VerticalAlign::middle)}};
      for (auto& c : m.cells) {
        TableCell step = cell("plan-sheets.step", std::move(c.steps), layout::VerticalAlign::middle);
        step.colspan = c.span;
        if (c.span > 1) {
          step.blocks.emplace_back(layout::Arrow{layout.length("plan-sheets.arrow-height"),
                                                 layout.length("plan-sheets.arrow-rule"), step_style.color});
        }
        row.cells.push_back(std::move(step));
      }
      t.body.push_back(std::move(row));
    }
    return nested(std::move(t));
  }

  // 成果指標 | 現状値 | 目標値 per year; 備考 under its indicator.
  layout::NestedTable indicators(SheetText& text) const {
    const auto& layout = view_.layout();
    layout::TableBox t;
    t.columns = figure_columns("plan-sheets.column.baseline");
    TableCell name = header(layout.word("plan-sheets.indicator"));
    name.rowspan = 2;
    TableCell baseline = header(layout.word("plan-sheets.baseline"));
    baseline.rowspan = 2;
    TableCell target = header(layout.word("plan-sheets.target"));
    target.colspan = years_.size();
    t.header.push_back(TableRow{{std::move(name), std::move(baseline), std::move(target)}});
    TableRow years;
    for (int fy : years_) years.cells.push_back(header(compute::format_fiscal_year(fy)));
    t.header.push_back(std::move(years));
    for (auto& ind : text.indicators) {
      TableRow row{{cell("plan-sheets.cell", {std::move(ind.name)}, layout::VerticalAlign::middle),
                    cell("plan-sheets.value", {std::move(ind.baseline)}, layout::VerticalAlign::middle)}};
      for (auto& target_text : ind.targets) {
        std::vector<ParagraphBox> content;
        if (target_text) content.push_back(std::move(*target_text));
        row.cells.push_back(cell("plan-sheets.value", std::move(content), layout::VerticalAlign::middle));
      }
      t.body.push_back(std::move(row));
      if (!ind.remarks.empty()) {
        TableCell remarks = cell("plan-sheets.remark", std::move(ind.remarks));
        remarks.colspan = years_.size() + 1;
        t.body.push_back(TableRow{{label("plan-sheets.remark"), std::move(remarks)}});
      }
    }
    return nested(std::move(t));
  }

  layout::NestedTable related(SheetText& text) const {
    layout::TableBox t;
    t.columns = {fixed(view_.layout().length("plan-sheets.column.label")), rest()};
    t.body.push_back(TableRow{{label("plan-sheets.related"),
                               cell("plan-sheets.cell", std::move(text.related), layout::VerticalAlign::middle)}});
    return nested(std::move(t));
  }

  const ViewContext& view_;
  const model::Period& period_;
  std::vector<int> years_;
};

}  // namespace

void add_plan_sheets(const model::View& v, const ViewContext& view, double, std::vector<layout::Block>& out) {
  const model::Selection selected = model::select(view.packet(), v.plan, v.period, std::nullopt,
                                                  v.fy ? std::optional<int>(v.fy->value) : std::nullopt);
  if (!selected.period) return;  // check_references reports it
  const SheetBuilder builder(view, *selected.period);
  const auto& goals = selected.period->goals;
  for (std::size_t g = 0; g < goals.size(); ++g) {
    for (std::size_t a = 0; a < goals[g].areas.size(); ++a) {
      const auto& items = goals[g].areas[a].items;
      for (std::size_t i = 0; i < items.size(); ++i) {
        out.emplace_back(layout::PageBreak{});
        out.emplace_back(builder.sheet(goals[g], g, goals[g].areas[a], a, items[i], i));
      }
    }
  }
}

}  // namespace shiryo::compose
