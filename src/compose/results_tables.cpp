// <results>: a fiscal year's results counted in total (part="summary"), per
// goal (part="by-goal", turned by columns="goals") and the unmet indicators
// listed with their figures, reasons and next steps (part="unmet")
// (plan-format.md §7, §9.7, §9.9, §9.19, §9.22).
#include <string>

#include "compose/plan_views.h"
#include "compute/japanese_date.h"
#include "compute/numbering.h"
#include "compute/results.h"
#include "model/references.h"

namespace shiryo::compose {

layout::TableBox results_table(const model::View& v, const ViewContext& view) {
  layout::TableBox t;
  mark_continuations(t, view);
  t.source_offset = v.offset;
  t.space_after = view.style("results.cell").space_after;
  return t;
}

namespace {

using layout::ColumnSpec;

ColumnSpec fixed_column(const ViewContext& view, const std::string& length) {
  return {ColumnSpec::Kind::fixed, view.layout().length(length)};
}

constexpr ColumnSpec kRest{ColumnSpec::Kind::proportional, 1};

// A figure with its unit, never parted at a line end (§9.22).
layout::InlineRun figure(const std::string& text, const style::Style& style, const ViewContext& view) {
  layout::InlineRun r = view.run(text, style);
  r.unbreakable = true;
  return r;
}

layout::TableCell word_cell(const std::string& word, const std::string& style_name, const ViewContext& view,
                            const std::map<std::string, std::string>& values = {}) {
  const style::Style& s = view.style(style_name);
  return text_cell(text_lines(view.layout().word(word, values), s, view), s);
}

// A body row's label (全体's 設定数, a goal, 未達成の理由): it heads its row.
layout::TableCell row_header(layout::TableCell cell) {
  cell.heads_row = true;
  return cell;
}

layout::TableCell count_cell(int n, const std::string& word, const ViewContext& view) {
  const style::Style& s = view.style("results.count");
  return text_cell({figure(view.layout().word(word, {{"n", std::to_string(n)}}), s, view)}, s);
}

// (1) 全体: one row per count.
layout::TableBox summary_table(const model::View& v, const compute::Counts& counts, const ViewContext& view) {
  layout::TableBox t = results_table(v, view);
  t.columns = {fixed_column(view, "results.summary.column.label"), fixed_column(view, "results.summary.column.count")};
  const std::string fy = compute::format_fiscal_year(v.fy->value);
  auto add = [&](const std::string& word, int n) {
    layout::TableRow row;
    row.cells.push_back(row_header(word_cell(word, "results.label", view, {{"fy", fy}})));
    row.cells.push_back(count_cell(n, "results.items", view));
    t.body.push_back(std::move(row));
  };
  add("results.summary.set", counts.set);
  add(v.unset_met ? "results.summary.met-unset" : "results.summary.met", counts.met);
  add("results.summary.unmet", counts.unmet);
  add("results.summary.pending", counts.pending);
  return t;
}

// (2) 重点目標別: a row per goal, then 合計 (left out when one goal is shown).
layout::TableBox by_goal_rows(const model::View& v, const compute::YearResults& results, const model::Goal* only,
                              const ViewContext& view) {
  layout::TableBox t = results_table(v, view);
  const ColumnSpec count = fixed_column(view, "results.by-goal.column.count");
  t.columns = {kRest, count, count, count, count};
  layout::TableRow head;
  for (const char* word : {"results.by-goal.goal", "results.by-goal.set", "results.by-goal.met",
                           "results.by-goal.unmet", "results.by-goal.pending"}) {
    const bool met = std::string(word) == "results.by-goal.met";
    head.cells.push_back(word_cell(met && v.unset_met ? "results.by-goal.met-unset" : word, "results.header", view));
  }
  t.header.push_back(std::move(head));
  auto add = [&](layout::TableCell label, const compute::Counts& c) {
    layout::TableRow row;
    row.cells.push_back(row_header(std::move(label)));
    for (int n : {c.set, c.met, c.unmet, c.pending}) row.cells.push_back(count_cell(n, "results.items", view));
    t.body.push_back(std::move(row));
  };
  const style::Style& label = view.style("results.label");
  for (const auto& g : results.goals) {
    if (only && g.goal != only) continue;
    add(text_cell({view.run(g.goal->title, label)}, label), g.counts);
  }
  if (!only) add(word_cell("results.total", "results.label", view), results.total);
  return t;
}

// 資料2's turned table: a column per goal (its short name) and 合計; rows
// 達成, 未達成, 未定 (only when something is pending), 合計.
layout::TableBox by_goal_columns(const model::View& v, const compute::YearResults& results,
                                 const model::Goal* only, const ViewContext& view) {
  layout::TableBox t = results_table(v, view);
  std::vector<const compute::GoalCounts*> goals;
  for (const auto& g : results.goals) {
    if (!only || g.goal == only) goals.push_back(&g);
  }
  t.columns.push_back(fixed_column(view, "results.goals.column.label"));
  for (std::size_t i = 0; i <= goals.size(); ++i) t.columns.push_back(kRest);

  const style::Style& header = view.style("results.header");
  layout::TableRow head;
  head.cells.push_back(word_cell("results.goals.corner", "results.header", view));
  for (const auto* g : goals) {
    head.cells.push_back(text_cell({g->goal->short_name ? view.run(*g->goal->short_name, header)
                                                        : view.run(g->goal->title, header)},
                                   header));
  }
  head.cells.push_back(word_cell("results.total", "results.header", view));
  t.header.push_back(std::move(head));

  auto add = [&](const std::string& word, int compute::Counts::*field) {
    layout::TableRow row;
    row.cells.push_back(row_header(word_cell(word, "results.label", view)));
    for (const auto* g : goals) row.cells.push_back(count_cell(g->counts.*field, "results.goals.count", view));
    const compute::Counts& total = only ? goals.front()->counts : results.total;
    row.cells.push_back(count_cell(total.*field, "results.goals.count", view));
    t.body.push_back(std::move(row));
  };
  add(v.unset_met ? "results.goals.met-unset" : "results.goals.met", &compute::Counts::met);
  add("results.goals.unmet", &compute::Counts::unmet);
  const int pending = only && !goals.empty() ? goals.front()->counts.pending : results.total.pending;
  if (pending > 0) add("results.goals.pending", &compute::Counts::pending);
  add("results.total", &compute::Counts::set);
  return t;
}

// 目標 over 実績（達成率）: the rate in brackets where the target is a number
// (－ when it cannot be computed); a text result prints as typed.
layout::TableCell figures_cell(const compute::IndicatorResult& r, int fy, const ViewContext& view) {
  const style::Style& s = view.style("results.figure");
  const model::Target* target = r.indicator->target(fy);
  const model::Actual* actual = r.indicator->actual(fy);
  const bool numeric_target = target && target->value;
  std::vector<layout::InlineRun> runs;
  runs.push_back(numeric_target ? figure(r.target, s, view) : view.run(r.target, s));
  std::vector<layout::InlineRun> second;
  if (!r.actual.empty()) second.push_back(actual && actual->value ? figure(r.actual, s, view) : view.run(r.actual, s));
  if (numeric_target) {
    second.push_back(figure(view.layout().word("results.rate", {{"rate", compute::format_rate(r.rate)}}), s, view));
  }
  if (!second.empty()) {
    layout::InlineRun br = view.run(std::string(), s);
    br.line_break = true;
    runs.push_back(std::move(br));
    for (auto& run : second) runs.push_back(std::move(run));
  }
  return text_cell(std::move(runs), s);
}

// A 未達成の理由 or 今後の対応策 row: its label, then the text across the name
// and figure columns.
layout::TableRow text_row(const std::string& word, const model::YearText& text, const ViewContext& view) {
  layout::TableRow row;
  row.cells.push_back(row_header(word_cell(word, "results.reason-label", view)));
  const style::Style& s = view.style("results.text");
  layout::TableCell cell = text_cell({}, s);
  add_rich_text(text.text, s, view, std::get<layout::ParagraphBox>(cell.blocks.front()));
  cell.colspan = 2;
  row.cells.push_back(std::move(cell));
  return row;
}

// (3) the unmet indicators, grouped by item: 分類 (spanning its item's rows),
// 指標名, 目標 / 実績（達成率）, and unless reasons="no", 未達成の理由 and
// 今後の対応策 rows under each indicator.
layout::TableBox unmet_table(const model::View& v, const compute::YearResults& results, const model::Goal* only,
                             const ViewContext& view) {
  layout::TableBox t = results_table(v, view);
  t.columns = {fixed_column(view, "results.unmet.column.class"), fixed_column(view, "results.unmet.column.label"), kRest,
               fixed_column(view, "results.unmet.column.figure")};
  layout::TableRow head;
  head.cells.push_back(word_cell("results.unmet.class", "results.unmet-header", view));
  head.cells.push_back(word_cell("results.unmet.name", "results.unmet-header", view));
  head.cells.back().colspan = 2;
  head.cells.push_back(word_cell("results.unmet.figure", "results.unmet-header", view));
  t.header.push_back(std::move(head));

  const int fy = results.fy;
  const style::Style& class_style = view.style("results.class");
  const style::Style& name_style = view.style("results.name");
  std::size_t class_row = 0;  // the body row holding the current item's 分類 cell
  const model::PlanItem* item = nullptr;
  for (const auto& r : results.indicators) {
    if (r.judgement != compute::Judgement::unmet) continue;
    if (only && results.goals[r.goal].goal != only) continue;
    const bool first_of_item = r.item != item;
    item = r.item;
    layout::TableRow row;
    if (first_of_item) {
      const std::string classification =
          only ? compute::classification_in_goal(r.area, r.item_index) : r.classification;
      row.cells.push_back(row_header(text_cell(
          view.word_with("results.unmet.classification", "title", r.item->title, class_style,
                         {{"class", classification}}),
          class_style)));
      class_row = t.body.size();
    }
    layout::TableCell name = text_cell({view.run(r.indicator->name, name_style)}, name_style);
    name.colspan = 2;
    name.heads_row = true;
    row.cells.push_back(std::move(name));
    row.cells.push_back(figures_cell(r, fy, view));
    t.body.push_back(std::move(row));
    if (v.reasons) {
      // An indicator's reasons stay on the page of its name.
      for (const auto& [word, text] : {std::pair{"results.unmet.reason", r.indicator->reason(fy)},
                                       std::pair{"results.unmet.next", r.indicator->next(fy)}}) {
        if (!text) continue;
        t.body.push_back(text_row(word, *text, view));
        t.body.back().keep_with_previous = true;
      }
    }
    t.body[class_row].cells.front().rowspan = t.body.size() - class_row;
  }
  if (t.body.empty()) {
    layout::TableRow row;
    row.cells.push_back(word_cell("results.unmet.none", "results.label", view));
    row.cells.back().colspan = 4;
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace

void add_results(const model::View& v, const ViewContext& view, double, std::vector<layout::Block>& out) {
  if (!v.fy || !v.part) return;  // the reader has reported what is missing
  const model::Selection s = model::select(view.packet(), v.plan, v.period, v.goal, v.fy->value);
  if (!s.period) return;  // check_references has reported it
  const compute::YearResults results = compute::year_results(*s.period, v.fy->value, v.unset_met);
  const std::string& part = v.part->value;
  if (part == "summary") {
    compute::Counts counts = results.total;
    for (const auto& g : results.goals) {
      if (g.goal == s.goal) counts = g.counts;
    }
    out.emplace_back(summary_table(v, counts, view));
  } else if (part == "by-goal") {
    const bool turned = v.columns && v.columns->value == "goals";
    out.emplace_back(turned ? by_goal_columns(v, results, s.goal, view) : by_goal_rows(v, results, s.goal, view));
  } else if (part == "unmet") {
    out.emplace_back(unmet_table(v, results, s.goal, view));
  }
}

}  // namespace shiryo::compose
