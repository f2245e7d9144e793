// A document's first page: its label boxed at the top right, then its title.
#include "compose/views.h"

namespace shiryo::compose {

layout::Section compose_document(const model::Document& document, const ViewContext& view) {
  const auto& layout = view.layout();
  layout::Section section;
  section.page = layout.page(document.orientation == model::Orientation::landscape ? "landscape"
                                                                                   : "portrait");
  section.anchor = document.id.value;
  const std::string label = document.label ? document.label->value : "";
  section.bookmark = layout.word("document.bookmark", {{"label", label}, {"title", document.title.value}});
  if (document.label) {
    const style::Style& s = view.style("document.label");
    section.label = layout::LabelBox{view.run(*document.label, s), s};
  }
  const style::Style& title = view.style("document.title");
  section.blocks.emplace_back(view.paragraph("document.title", {view.run(document.title, title)}));

  const style::Style& number_style = view.style("page-number");
  section.numbers.printed = document.numbering != model::Numbering::none;
  section.numbers.restart = document.numbering == model::Numbering::restart;
  section.numbers.first = document.first_number;
  section.numbers.format = view.run(layout.word("page-number"), number_style);
  section.numbers.style = number_style;
  section.page_label = section.numbers.printed ? layout.word("document.page-label", {{"label", label}}) : label;
  return section;
}

}  // namespace shiryo::compose
