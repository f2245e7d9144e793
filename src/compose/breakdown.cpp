// <breakdown>: the parts of one result and their mean, which is the result's
// value (the 収納率 table; plan-format.md §6, §9.6).
#include "compose/plan_views.h"
#include "compute/japanese_date.h"
#include "compute/results.h"
#include "model/references.h"

namespace shiryo::compose {

void add_breakdown(const model::View& v, const ViewContext& view, double, std::vector<layout::Block>& out) {
  if (!v.indicator || !v.fy) return;  // the reader has reported what is missing
  const model::Indicator* indicator = model::find_indicator(view.packet(), v.indicator->value);
  if (!indicator) return;  // check_references has reported it
  const model::Actual* actual = indicator->actual(v.fy->value);
  if (!actual || actual->parts.empty() || !actual->value) return;  // check_figures has reported it

  const auto& layout = view.layout();
  layout::TableBox t = results_table(v, view);
  t.columns = {{layout::ColumnSpec::Kind::fixed, layout.length("results.breakdown.column.no")},
               {layout::ColumnSpec::Kind::fixed, layout.length("results.breakdown.column.name")},
               {layout::ColumnSpec::Kind::fixed, layout.length("results.breakdown.column.value")}};

  const style::Style& header = view.style("results.header");
  const style::Style& number = view.style("results.number");
  const style::Style& label = view.style("results.label");
  const style::Style& count = view.style("results.count");
  auto figure = [&](const std::string& text) {
    layout::InlineRun r = view.run(text, count);
    r.unbreakable = true;  // a number with its unit (§9.22)
    return text_cell({std::move(r)}, count);
  };

  const std::string fy = compute::format_fiscal_year(v.fy->value);
  layout::TableRow head;
  head.cells.push_back(text_cell(text_lines(layout.word("results.breakdown.no"), header, view), header));
  head.cells.push_back(text_cell(text_lines(layout.word("results.breakdown.name"), header, view), header));
  head.cells.push_back(
      text_cell(text_lines(layout.word("results.breakdown.value", {{"fy", fy}}), header, view), header));
  t.header.push_back(std::move(head));

  int n = 1;
  for (const auto& part : actual->parts) {
    layout::TableRow row;
    row.cells.push_back(text_cell({view.run(std::to_string(n++), number)}, number));
    row.cells.push_back(text_cell({view.run(part.name, label)}, label));
    row.cells.back().heads_row = true;
    row.cells.push_back(figure(compute::format_value(part.value.value, *indicator)));
    t.body.push_back(std::move(row));
  }
  layout::TableRow mean;
  mean.cells.push_back(text_cell(text_lines(layout.word("results.breakdown.mean"), header, view), header));
  mean.cells.back().colspan = 2;
  mean.cells.back().heads_row = true;
  mean.cells.push_back(figure(compute::format_value(actual->value->value, *indicator)));
  t.body.push_back(std::move(mean));
  out.emplace_back(std::move(t));
}

}  // namespace shiryo::compose
