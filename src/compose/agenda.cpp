// 次第: title, 日時 and 場所, numbered items with (1)(2) sub-items, and a dot
// leader to each referenced document's label, linked to its first page.
#include "compute/japanese_date.h"
#include "compose/views.h"

namespace shiryo::compose {
namespace {

void add_items(const model::Packet& packet, const std::vector<model::AgendaItem>& items, int depth,
               const ViewContext& view, layout::Section& section) {
  const std::string style_name = depth == 0 ? "agenda.item" : "agenda.subitem";
  const style::Style& style = view.style(style_name);
  int number = 1;
  for (const auto& item : items) {
    const std::string mark = view.layout().word(depth == 0 ? "agenda.number" : "agenda.subnumber",
                                                {{"n", std::to_string(number++)}});
    std::vector<layout::InlineRun> runs{view.run(mark, style)};
    if (item.text) runs.push_back(view.run(*item.text, style));
    layout::ParagraphBox p = view.paragraph(style_name, std::move(runs));
    p.hang_after_first_run = true;
    if (item.doc) {
      const model::Document* doc = packet.find_document(item.doc->value);
      layout::InlineRun label = view.run(doc->label ? doc->label->value : doc->title.value,
                                         view.style("agenda.label"));
      label.link = doc->id.value;
      p.leader_tail.push_back(std::move(label));
    }
    section.blocks.emplace_back(std::move(p));
    add_items(packet, item.children, depth + 1, view, section);
  }
}

}  // namespace

layout::Section compose_agenda(const model::Packet& packet, const ViewContext& view) {
  const model::Meta& meta = packet.meta;
  const auto& layout = view.layout();
  layout::Section section;
  section.page = layout.page("portrait");
  section.bookmark = layout.word("agenda.bookmark");
  section.page_label = section.bookmark;

  const style::Style& title = view.style("agenda.title");
  layout::ParagraphBox heading =
      view.paragraph("agenda.title", {view.run(layout.word("agenda.title", {{"title", meta.title.value}}), title)});
  heading.structure_heading = 1;
  section.blocks.emplace_back(std::move(heading));

  const style::Style& meta_style = view.style("agenda.meta");
  section.blocks.emplace_back(view.paragraph(
      "agenda.meta",
      {view.run(layout.word("agenda.when",
                            {{"when", compute::format_date_time(meta.held_start.value)}}),
                meta_style)}));
  if (meta.place) {
    auto runs = view.word_with("agenda.place", "place", *meta.place, meta_style);
    section.blocks.emplace_back(view.paragraph("agenda.meta", std::move(runs)));
  }
  add_items(packet, packet.agenda->items, 0, view, section);
  return section;
}

}  // namespace shiryo::compose
