#include "compose/compose.h"

#include "compose/views.h"

namespace shiryo::compose {

namespace {

void add(style::Requirements& r, std::initializer_list<const char*> styles, std::initializer_list<const char*> lengths,
         std::initializer_list<const char*> words) {
  r.styles.insert(r.styles.end(), styles.begin(), styles.end());
  r.lengths.insert(r.lengths.end(), lengths.begin(), lengths.end());
  r.words.insert(r.words.end(), words.begin(), words.end());
}

}  // namespace

style::Requirements layout_requirements() {
  style::Requirements r{
      {"agenda.title", "agenda.meta", "agenda.item", "agenda.subitem", "agenda.label",
       "roster.title", "roster.header", "roster.cell", "roster.cell-center", "document.label",
       "document.title", "page-number", "block.h1", "block.h2", "block.h3", "block.p", "block.li",
       "block.note", "block.cell", "block.header-cell", "block.box", "inline.bold", "inline.sup",
       "inline.sub", "placeholder", "table.continued", "footnote", "figure.caption"},
      {"inline.sup-rise", "inline.sub-drop", "footnote.gap", "roster.column.no", "roster.column.role",
       "roster.column.name", "roster.column.category", "roster.column.note"},
      {"agenda.title", "agenda.bookmark", "agenda.when", "agenda.place", "agenda.number",
       "agenda.subnumber", "roster.title", "roster.bookmark", "roster.no", "roster.role",
       "roster.name", "roster.category", "roster.note", "roster.term", "document.bookmark",
       "document.page-label", "page-number", "placeholder", "list.mark", "list.number", "table.continued",
       "table.continued-label", "footnote.mark", "footnote.number"},
      {"portrait", "landscape"}};
  // Each view's names, in the order of the layout set's regions.
  add(r, {"toc.title", "toc.entry", "toc.goal", "toc.area", "toc.item"}, {},
      {"toc.title", "toc.page-reserve", "toc.goal", "toc.area", "toc.item"});
  add(r,
      {"results.cell", "results.header", "results.label", "results.count", "results.number",
       "results.unmet-header", "results.class", "results.name", "results.figure", "results.reason-label",
       "results.text"},
      {"results.summary.column.label", "results.summary.column.count", "results.by-goal.column.count",
       "results.goals.column.label", "results.unmet.column.class", "results.unmet.column.label",
       "results.unmet.column.figure", "results.breakdown.column.no", "results.breakdown.column.name",
       "results.breakdown.column.value", "results.comparison.column.count"},
      {"results.summary.set", "results.summary.met", "results.summary.met-unset", "results.summary.unmet",
       "results.summary.pending", "results.items", "results.total", "results.by-goal.goal", "results.by-goal.set",
       "results.by-goal.met", "results.by-goal.met-unset", "results.by-goal.unmet", "results.by-goal.pending",
       "results.goals.corner", "results.goals.met", "results.goals.met-unset", "results.goals.unmet",
       "results.goals.pending", "results.goals.count", "results.unmet.class", "results.unmet.name",
       "results.unmet.figure", "results.unmet.classification", "results.unmet.reason", "results.unmet.next",
       "results.unmet.none", "results.rate", "results.breakdown.no", "results.breakdown.name",
       "results.breakdown.value", "results.breakdown.mean", "results.comparison.total",
       "results.comparison.completed", "results.comparison.continuing", "results.comparison.added",
       "results.comparison.continued", "results.comparison.number"});
  add(r,
      {"plan-sheets.cell", "plan-sheets.label", "plan-sheets.header", "plan-sheets.item-title",
       "plan-sheets.list", "plan-sheets.measure", "plan-sheets.dept", "plan-sheets.step", "plan-sheets.indicator",
       "plan-sheets.value", "plan-sheets.remark", "plan-sheets.caption", "plan-sheets.band", "plan-sheets.goal",
       "plan-sheets.area", "plan-sheets.sdgs-label", "plan-sheets.sdgs-number", "plan-sheets.footnote",
       "plan-sheets.footnote-mark"},
      {"plan-sheets.footnote-rise", "plan-sheets.gap", "plan-sheets.column.label", "plan-sheets.column.dept",
       "plan-sheets.column.baseline", "plan-sheets.column.year", "plan-sheets.column.sdgs-label",
       "plan-sheets.column.sdgs-number", "plan-sheets.arrow-height", "plan-sheets.arrow-rule"},
      {"plan-sheets.goal", "plan-sheets.area", "plan-sheets.item-title", "plan-sheets.bookmark", "plan-sheets.sdgs",
       "plan-sheets.item", "plan-sheets.vision", "plan-sheets.challenge", "plan-sheets.schedule",
       "plan-sheets.measure", "plan-sheets.dept", "plan-sheets.dept-separator", "plan-sheets.indicator",
       "plan-sheets.baseline", "plan-sheets.target", "plan-sheets.remark", "plan-sheets.related",
       "plan-sheets.list-mark"});
  add(r, {"results-detail.cell", "results-detail.center", "results-detail.header"},
      {"results-detail.min-size", "results-detail.side-padding", "results-detail.column.depts",
       "results-detail.column.figures",
       "results-detail.share.title", "results-detail.share.measures", "results-detail.share.planned",
       "results-detail.share.done", "results-detail.share.indicator", "results-detail.share.reason",
       "results-detail.share.next"},
      {"results-detail.class", "results-detail.title", "results-detail.depts", "results-detail.measures",
       "results-detail.plan", "results-detail.year", "results-detail.planned", "results-detail.done",
       "results-detail.indicator", "results-detail.figures", "results-detail.rate", "results-detail.judgement",
       "results-detail.reason", "results-detail.next", "results-detail.measure-mark", "results-detail.target",
       "results-detail.actual", "results-detail.pending", "results-detail.met", "results-detail.unmet",
       "results-detail.undecided"});
  add(r, {"plan-tree.goal", "plan-tree.goal-number", "plan-tree.area", "plan-tree.item", "plan-tree.line"},
      {"plan-tree.goal-width", "plan-tree.area-width", "plan-tree.item-width", "plan-tree.column-gap",
       "plan-tree.row-height-max", "plan-tree.row-gap"},
      {"plan-tree.goal-number", "plan-tree.area", "plan-tree.item"});
  return r;
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
                               const text::FontSet& fonts, const image::FigureFiles& figures,
                               diag::Diagnostics& diags) {
  const ViewContext view(packet, layout, fonts, figures, diags);
  layout::BoxTree tree;
  if (packet.agenda) tree.sections.push_back(compose_agenda(packet, view));
  if (packet.roster) tree.sections.push_back(compose_roster(packet, *packet.roster, view));
  for (const auto& doc : packet.documents) {
    for (auto& section : compose_document(doc, view)) tree.sections.push_back(std::move(section));
  }
  return tree;
}

}  // namespace shiryo::compose
