// 委員名簿: a ruled table No / 役職 / 氏名 / 選出区分 / 備考 with a shaded header row.
#include "compose/views.h"

namespace shiryo::compose {

layout::Section compose_roster(const model::Packet& packet, const model::Roster& roster,
                               const ViewContext& view) {
  const auto& layout = view.layout();
  layout::Section section;
  section.page = layout.page("portrait");
  section.bookmark = layout.word("roster.bookmark");
  section.page_label = section.bookmark;

  const style::Style& title_style = view.style("roster.title");
  if (roster.title) {
    section.blocks.emplace_back(view.paragraph("roster.title", {view.run(*roster.title, title_style)}));
  } else if (packet.meta.committee) {
    section.blocks.emplace_back(view.paragraph(
        "roster.title", view.word_with("roster.title", "committee", *packet.meta.committee, title_style)));
  } else {
    section.blocks.emplace_back(view.paragraph(
        "roster.title", {view.run(layout.word("roster.title", {{"committee", ""}}), title_style)}));
  }
  std::get<layout::ParagraphBox>(section.blocks.back()).structure_heading = 1;

  layout::TableBox table;
  table.source_offset = roster.offset;
  table.widths_from = "its columns are the layout set's lengths";
  for (const char* column : {"no", "role", "name", "category", "note"}) {
    const std::string name = std::string("roster.column.") + column;
    table.columns.push_back({layout::ColumnSpec::Kind::fixed, layout.length(name)});
    table.widths_from += (table.columns.size() == 1 ? " " : ", ") + name;
  }
  table.continued_mark = continued_mark(view);

  const style::Style& header = view.style("roster.header");
  const style::Style& cell = view.style("roster.cell");
  const style::Style& centered = view.style("roster.cell-center");
  auto text_cell = [&](std::vector<layout::InlineRun> runs, const style::Style& s) {
    layout::ParagraphBox p;
    p.runs = std::move(runs);
    p.style = s;
    layout::TableCell c = styled_cell(s);
    c.valign = layout::VerticalAlign::middle;
    c.blocks.emplace_back(std::move(p));
    return c;
  };

  layout::TableRow head;
  for (const char* word : {"roster.no", "roster.role", "roster.name", "roster.category", "roster.note"}) {
    head.cells.push_back(text_cell({view.run(layout.word(word), header)}, header));
  }
  table.header.push_back(std::move(head));

  int number = 1;
  for (const auto& m : roster.members) {
    layout::TableRow row;
    row.cells.push_back(text_cell({view.run(std::to_string(number++), centered)}, centered));
    row.cells.push_back(m.role ? text_cell({view.run(*m.role, centered)}, centered)
                               : text_cell({}, centered));
    row.cells.push_back(text_cell({view.run(m.name, cell)}, cell));
    row.cells.push_back(m.category ? text_cell({view.run(*m.category, cell)}, cell)
                                   : text_cell({}, cell));
    std::vector<layout::InlineRun> note;
    if (m.term) {
      note.push_back(view.run(layout.word("roster.term", {{"n", std::to_string(m.term->value)}}), cell));
    }
    if (m.note && !m.note->value.empty()) {
      if (!note.empty()) note.push_back(view.run("　", cell));
      note.push_back(view.run(*m.note, cell));
    }
    row.cells.push_back(text_cell(std::move(note), cell));
    table.body.push_back(std::move(row));
  }
  section.blocks.emplace_back(std::move(table));
  return section;
}

}  // namespace shiryo::compose
