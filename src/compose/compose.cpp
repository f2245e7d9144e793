#include "compose/compose.h"

#include "compose/views.h"

namespace shiryo::compose {

style::Requirements layout_requirements() {
  return style::Requirements{
      {"agenda.title", "agenda.meta", "agenda.item", "agenda.subitem", "agenda.label",
       "roster.title", "roster.header", "roster.cell", "roster.cell-center", "document.label",
       "document.title", "page-number", "block.h1", "block.h2", "block.h3", "block.p", "block.li",
       "block.note", "block.cell", "block.header-cell", "block.box", "inline.bold", "inline.sup",
       "inline.sub", "placeholder", "table.continued", "footnote", "plan-tree.goal", "plan-tree.goal-number",
       "plan-tree.area", "plan-tree.item", "plan-tree.line"},
      {"inline.sup-rise", "inline.sub-drop", "footnote.gap", "roster.column.no", "roster.column.role", "roster.column.name", "roster.column.category",
       "roster.column.note", "plan-tree.goal-width", "plan-tree.area-width", "plan-tree.item-width",
       "plan-tree.column-gap",
       "plan-tree.row-height-max", "plan-tree.row-gap"},
      {"agenda.title", "agenda.bookmark", "agenda.when", "agenda.place", "agenda.number",
       "agenda.subnumber", "roster.title", "roster.bookmark", "roster.no", "roster.role",
       "roster.name", "roster.category", "roster.note", "roster.term", "document.bookmark",
       "document.page-label", "page-number", "placeholder", "list.mark", "list.number", "table.continued", "footnote.mark",
       "footnote.number", "plan-tree.goal-number", "plan-tree.area", "plan-tree.item"},
      {"portrait", "landscape"}};
}

layout::InlineRun ViewContext::run(const std::string& text, const style::Style& style) const {
  layout::InlineRun r;
  r.text = text;
  r.chain = &fonts_.chain(style.font);
  r.size = style.size;
  r.color = style.color;
  return r;
}

layout::InlineRun ViewContext::run(const model::SourceText& text, const style::Style& style) const {
  layout::InlineRun r = run(text.value, style);
  r.origin = text;
  return r;
}

std::vector<layout::InlineRun> ViewContext::word_with(const std::string& word,
                                                     const std::string& key,
                                                     const model::SourceText& value,
                                                     const style::Style& style,
                                                     const std::map<std::string, std::string>& values) const {
  const std::string text = layout_.word(word, values);
  const std::string placeholder = "{" + key + "}";
  const auto at = text.find(placeholder);
  if (at == std::string::npos) return {run(text, style)};
  std::vector<layout::InlineRun> runs;
  if (at > 0) runs.push_back(run(text.substr(0, at), style));
  runs.push_back(run(value, style));
  if (at + placeholder.size() < text.size()) runs.push_back(run(text.substr(at + placeholder.size()), style));
  return runs;
}

layout::ParagraphBox ViewContext::paragraph(const std::string& style_name,
                                            std::vector<layout::InlineRun> runs) const {
  layout::ParagraphBox p;
  p.runs = std::move(runs);
  p.style = style(style_name);
  return p;
}

layout::BoxTree compose_packet(const model::Packet& packet, const style::LayoutSet& layout,
                               const text::FontSet& fonts, diag::Diagnostics& diags) {
  const ViewContext view(packet, layout, fonts, diags);
  layout::BoxTree tree;
  if (packet.agenda) tree.sections.push_back(compose_agenda(packet, view));
  if (packet.roster) tree.sections.push_back(compose_roster(packet, *packet.roster, view));
  for (const auto& doc : packet.documents) {
    for (auto& section : compose_document(doc, view)) tree.sections.push_back(std::move(section));
  }
  return tree;
}

}  // namespace shiryo::compose
