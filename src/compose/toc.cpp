// <toc/>: the document's <h1> headings and its plan sheets (goal and area
// lines, then one line per item), each with a dot leader to the number its
// page prints and a link there (plan-format.md §7, §9.13). The numbers are
// page references the layout fills in once pages are known.
#include "compose/plan_views.h"
#include "compose/views.h"
#include "compute/numbering.h"
#include "model/references.h"

namespace shiryo::compose {
namespace {

// One line: `runs`, a dot leader, the page `anchor` names; all of it a link.
layout::ParagraphBox entry(const std::string& style_name, std::vector<layout::InlineRun> runs,
                           const std::string& anchor, const ViewContext& view) {
  layout::ParagraphBox p = view.paragraph(style_name, std::move(runs));
  layout::InlineRun number = view.run(view.layout().word("toc.page-reserve"), p.style);
  number.page_ref = anchor;
  p.leader_tail.push_back(std::move(number));
  for (auto& r : p.runs) r.link = anchor;
  for (auto& r : p.leader_tail) r.link = anchor;
  p.hang_after_first_run = true;
  return p;
}

layout::InlineRun numbered(const std::string& word, const std::string& numeral, const model::SourceText& title,
                           const style::Style& style, const ViewContext& view) {
  return view.run(view.layout().word(word, {{"numeral", numeral}, {"title", title.value}}), style);
}

void add_sheets(const model::View& sheets, const ViewContext& view, std::vector<layout::Block>& out) {
  const model::Selection s = model::select(view.packet(), sheets.plan, sheets.period, std::nullopt, std::nullopt);
  if (!s.period) return;  // check_references has reported it
  for (std::size_t g = 0; g < s.period->goals.size(); ++g) {
    const model::Goal& goal = s.period->goals[g];
    out.emplace_back(view.paragraph(
        "toc.goal", {numbered("toc.goal", compute::goal_numeral(g), goal.title, view.style("toc.goal"), view)}));
    for (std::size_t a = 0; a < goal.areas.size(); ++a) {
      const model::Area& area = goal.areas[a];
      out.emplace_back(view.paragraph(
          "toc.area", {numbered("toc.area", compute::area_numeral(a), area.title, view.style("toc.area"), view)}));
      for (std::size_t i = 0; i < area.items.size(); ++i) {
        const model::PlanItem& item = area.items[i];
        out.emplace_back(entry("toc.item",
                               {numbered("toc.item", compute::item_numeral(i), item.title, view.style("toc.item"), view)},
                               sheet_anchor(*s.period, item), view));
      }
    }
  }
}

void add_entries(const std::vector<model::Block>& blocks, const ViewContext& view, std::vector<layout::Block>& out) {
  for (const auto& b : blocks) {
    if (b.kind == model::Block::Kind::heading && b.level == 1) {
      out.emplace_back(entry("toc.entry", {view.run(model::plain_text(b.text), view.style("toc.entry"))},
                             heading_anchor(b), view));
    } else if (b.kind == model::Block::Kind::view && b.view->kind == model::View::Kind::plan_sheets) {
      add_sheets(*b.view, view, out);
    }
  }
}

}  // namespace

std::string heading_anchor(const model::Block& heading) { return "heading:" + std::to_string(heading.offset); }

void add_toc(const model::Block& toc, const model::Document& document, const ViewContext& view,
             std::vector<layout::Block>& out) {
  const style::Style& title_style = view.style("toc.title");
  std::optional<layout::ParagraphBox> heading;
  if (!toc.title) {
    heading = view.paragraph("toc.title", {view.run(view.layout().word("toc.title"), title_style)});
  } else if (!toc.title->value.empty()) {
    heading = view.paragraph("toc.title", {view.run(*toc.title, title_style)});
  }
  if (heading) {
    heading->structure_heading = 2;
    out.emplace_back(std::move(*heading));
  }
  add_entries(document.blocks, view, out);
  for (const auto& part : document.parts) add_entries(part.blocks, view, out);
}

}  // namespace shiryo::compose
