// <plan-tree period>: the 体系図 (plan-format.md §7). A column of goal
// boxes, each as tall as its items' rows, a column of area boxes, each centred
// on its items, and a column of item boxes, one row each, taking the rest of
// the measure; elbow connectors join each goal to its areas and each area to
// its items, as an organisation chart drawn left to right. Layout chooses the
// rows' height (layout::Diagram).
#include "compose/plan_views.h"
#include "compute/numbering.h"
#include "model/references.h"

namespace shiryo::compose {

void add_plan_tree(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out) {
  std::optional<int> fy;
  if (v.fy) fy = v.fy->value;
  const model::Selection s = model::select(view.packet(), v.plan, v.period, v.goal, fy);
  if (!s.period) return;  // check_references reported it
  const auto& layout = view.layout();
  // The columns at the layout set's widths, the items' taking any more room;
  // in a narrower measure (a portrait page) all narrowed alike.
  const double natural = layout.length("plan-tree.goal-width") + layout.length("plan-tree.area-width") +
                         layout.length("plan-tree.item-width") + 2 * layout.length("plan-tree.column-gap");
  const double narrowed = natural > measure ? measure / natural : 1.0;
  const double goal_width = layout.length("plan-tree.goal-width") * narrowed;
  const double area_width = layout.length("plan-tree.area-width") * narrowed;
  const double gap = layout.length("plan-tree.column-gap") * narrowed;
  const double area_x = goal_width + gap;
  const double item_x = area_x + area_width + gap;
  const style::Style& line = view.style("plan-tree.line");

  layout::Diagram d;
  d.width = measure;
  d.row_height_max = layout.length("plan-tree.row-height-max");
  d.row_gap = layout.length("plan-tree.row-gap");
  d.source_offset = v.offset;
  d.space_after = line.space_after;

  // A box at `row` in a style, holding `paragraphs`; returns its index.
  auto add_box = [&](const std::string& name, std::vector<layout::ParagraphBox> paragraphs, double x, double width,
                     std::size_t row) {
    const style::Style& st = view.style(name);
    layout::DiagramBox b;
    b.x = x;
    b.width = width;
    b.first_row = row;
    b.paragraphs = std::move(paragraphs);
    b.padding = st.padding;
    b.rule_width = st.rule_width;
    b.rule_color = line.color;
    b.fill = st.fill;
    d.boxes.push_back(std::move(b));
    return d.boxes.size() - 1;
  };
  // An area's or an item's numeral and title; wrapped lines start under the
  // title.
  auto numbered = [&](const std::string& name, const std::string& numeral, const model::SourceText& title) {
    layout::ParagraphBox p =
        view.paragraph(name, view.word_with(name, "title", title, view.style(name), {{"n", numeral}}));
    p.hang_after_first_run = p.runs.size() > 1 && !p.runs.front().origin;
    return p;
  };
  auto connect = [&](std::size_t from, std::vector<std::size_t> to, double spine_x) {
    if (!to.empty()) d.connectors.push_back({from, std::move(to), spine_x, line.rule_width, line.color});
  };

  std::size_t row = 0;
  for (std::size_t g = 0; g < s.period->goals.size(); ++g) {
    const model::Goal& goal = s.period->goals[g];
    if (s.goal && &goal != s.goal) continue;
    // A goal's numeral stands on a line of its own above its title.
    const std::string numeral = layout.word("plan-tree.goal-number", {{"n", compute::goal_numeral(g)}});
    const std::size_t goal_box = add_box(
        "plan-tree.goal",
        {view.paragraph("plan-tree.goal-number", {view.run(numeral, view.style("plan-tree.goal-number"))}),
         view.paragraph("plan-tree.goal", {view.run(goal.title, view.style("plan-tree.goal"))})},
        0, goal_width, row);
    d.boxes[goal_box].fills_rows = true;
    std::vector<std::size_t> areas;
    for (std::size_t a = 0; a < goal.areas.size(); ++a) {
      const model::Area& area = goal.areas[a];
      const std::size_t area_box = add_box(
          "plan-tree.area", {numbered("plan-tree.area", compute::area_numeral(a), area.title)}, area_x, area_width, row);
      areas.push_back(area_box);
      std::vector<std::size_t> items;
      for (std::size_t i = 0; i < area.items.size(); ++i) {
        items.push_back(add_box("plan-tree.item",
                                {numbered("plan-tree.item", compute::item_numeral(i), area.items[i].title)},
                                item_x, measure - item_x, row + i));
      }
      // An area without items still takes a row.
      d.boxes[area_box].rows = std::max<std::size_t>(area.items.size(), 1);
      row += d.boxes[area_box].rows;
      connect(area_box, std::move(items), area_x + area_width + gap / 2);
    }
    if (goal.areas.empty()) ++row;
    d.boxes[goal_box].rows = row - d.boxes[goal_box].first_row;
    connect(goal_box, std::move(areas), goal_width + gap / 2);
  }
  d.rows = row;
  out.emplace_back(std::move(d));
}

}  // namespace shiryo::compose
