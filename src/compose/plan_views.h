// The views of plan data (plan-format.md §7 "Views of plan data") and the
// table of contents: each appends its blocks for a document body `measure`
// points wide.
#pragma once

#include <string>
#include <vector>

#include "compose/views.h"
#include "layout/box.h"
#include "model/document.h"
#include "model/plan.h"

namespace shiryo::compose {

// The named destination of an item's plan sheet (the table of contents links to it).
inline std::string sheet_anchor(const model::Period& period, const model::PlanItem& item) {
  return "sheet:" + period.id.value + ":" + item.id.value;
}

// <results part="summary|by-goal|unmet">
void add_results(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out);
// An empty table in the results views' style: continued mark, spacing,
// warnings at the view's element.
layout::TableBox results_table(const model::View& v, const ViewContext& view);
// <results-detail>
void add_results_detail(const model::View& v, const ViewContext& view, double measure,
                        std::vector<layout::Block>& out);
// <breakdown>
void add_breakdown(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out);
// <period-comparison>
void add_period_comparison(const model::View& v, const ViewContext& view, double measure,
                           std::vector<layout::Block>& out);
// <plan-tree>
void add_plan_tree(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out);
// <toc/>: the <h1> headings and plan sheets of `document`.
void add_toc(const model::Block& toc, const model::Document& document, const ViewContext& view,
             std::vector<layout::Block>& out);
// The anchor of an <h1>, for the table of contents to link to.
std::string heading_anchor(const model::Block& heading);

// <plan-sheets>
void add_plan_sheets(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out);

}  // namespace shiryo::compose
