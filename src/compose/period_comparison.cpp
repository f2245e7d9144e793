// <period-comparison>: the measures of one period against the next — 取組数,
// 完了した取組 and 継続が必要な取組 beside 取組数, 新規の取組 and 継続する取組
// (plan-format.md §7, §9.15).
#include "compose/plan_views.h"
#include "compute/comparison.h"
#include "model/references.h"

namespace shiryo::compose {

void add_period_comparison(const model::View& v, const ViewContext& view, double,
                           std::vector<layout::Block>& out) {
  const model::Selection from = model::select(view.packet(), v.plan, v.from, std::nullopt, std::nullopt);
  const model::Selection to = model::select(view.packet(), v.plan, v.to, std::nullopt, std::nullopt);
  if (!from.period || !to.period) return;  // check_references has reported it
  const compute::MeasureCounts before = compute::count_measures(*from.period);
  const compute::MeasureCounts after = compute::count_measures(*to.period);

  const auto& layout = view.layout();
  // Each period takes half the measure: a label column and a count column,
  // so the halves line up with a two-column table of 50% columns.
  const layout::ColumnSpec label_column{layout::ColumnSpec::Kind::proportional, 1};
  const layout::ColumnSpec count_column{layout::ColumnSpec::Kind::fixed, layout.length("results.comparison.column.count")};
  layout::TableBox t = results_table(v, view);
  t.columns = {label_column, count_column, label_column, count_column};

  const style::Style& header = view.style("results.header");
  const style::Style& label = view.style("results.label");
  const style::Style& count = view.style("results.count");
  layout::TableRow head;
  for (const model::Period* period : {from.period, to.period}) {
    head.cells.push_back(text_cell({view.run(period->title, header)}, header));
    head.cells.back().colspan = 2;
  }
  t.header.push_back(std::move(head));

  auto add = [&](const char* left, int left_count, const char* right, int right_count) {
    layout::TableRow row;
    for (const auto& [word, n] : {std::pair{left, left_count}, std::pair{right, right_count}}) {
      row.cells.push_back(text_cell(text_lines(layout.word(word), label, view), label));
      row.cells.back().heads_row = true;
      layout::InlineRun figure = view.run(layout.word("results.comparison.number", {{"n", std::to_string(n)}}), count);
      figure.unbreakable = true;
      row.cells.push_back(text_cell({std::move(figure)}, count));
    }
    t.body.push_back(std::move(row));
  };
  add("results.comparison.total", before.total, "results.comparison.total", after.total);
  add("results.comparison.completed", before.completed, "results.comparison.added", after.added);
  add("results.comparison.continuing", before.continued, "results.comparison.continued", after.continued);
  out.emplace_back(std::move(t));
}

}  // namespace shiryo::compose
