// A document: its label boxed at the top right of its first page, its title,
// its blocks, then one section per <part> (each on a new page, in its own
// orientation), numbered as `numbering`, `first-number` and `number-from` say.
#include "compose/views.h"

namespace shiryo::compose {

std::vector<layout::Section> compose_document(const model::Document& document, const ViewContext& view) {
  const auto& layout = view.layout();
  const std::string label = document.label ? document.label->value : "";
  const style::Style& number_style = view.style("page-number");
  const bool numbered = document.numbering != model::Numbering::none;
  // With number-from, pages before that part (a cover) print no number.
  bool numbering_started = !document.number_from;

  auto section = [&](model::Orientation orientation) {
    layout::Section s;
    s.page = layout.page(orientation == model::Orientation::landscape ? "landscape" : "portrait");
    s.numbers.format = view.run(layout.word("page-number"), number_style);
    s.numbers.style = number_style;
    s.numbers.first = document.first_number;
    return s;
  };
  auto number = [&](layout::Section& s, bool first_numbered) {
    s.numbers.printed = numbered && numbering_started;
    s.numbers.restart = first_numbered ? document.numbering != model::Numbering::continue_on : false;
    s.page_label = s.numbers.printed ? layout.word("document.page-label", {{"label", label}}) : label;
  };
  auto measure_of = [](const layout::Section& s) {
    return s.page.width - s.page.margin_left - s.page.margin_right;
  };

  std::vector<layout::Section> sections;
  layout::Section first = section(document.orientation);
  first.heading_shift = 1;  // the title is the document's H1
  first.anchor = document.id.value;
  first.bookmark = layout.word("document.bookmark", {{"label", label}, {"title", document.title.value}});
  if (document.label) {
    const style::Style& s = view.style("document.label");
    first.label = layout::LabelBox{view.run(*document.label, s), s};
  }
  const style::Style& title = view.style("document.title");
  layout::ParagraphBox heading = view.paragraph("document.title", {view.run(document.title, title)});
  heading.structure_heading = 1;
  first.blocks.emplace_back(std::move(heading));
  FootnoteSink notes;
  notes.notes = &first.footnotes;
  notes.document = &document;
  first.footnote_gap = layout.length("footnote.gap");
  add_blocks(document.blocks, view, measure_of(first), first.blocks, &notes);
  number(first, true);
  bool numbered_yet = first.numbers.printed;
  sections.push_back(std::move(first));

  for (const auto& part : document.parts) {
    if (!numbering_started && part.id && part.id->value == document.number_from->value) numbering_started = true;
    layout::Section s = section(part.orientation.value_or(document.orientation));
    s.heading_shift = 1;
    s.part_of_previous = true;
    notes.notes = &s.footnotes;
    s.footnote_gap = layout.length("footnote.gap");
    add_blocks(part.blocks, view, measure_of(s), s.blocks, &notes);
    number(s, !numbered_yet);
    numbered_yet = numbered_yet || s.numbers.printed;
    sections.push_back(std::move(s));
  }
  return sections;
}

}  // namespace shiryo::compose
