// Generic blocks of a document: headings, paragraphs, lists, notes, boxes,
// tables and page breaks; views not drawn yet become framed placeholders.
#include <algorithm>

#include "compose/views.h"

#include "compose/plan_views.h"
#include "diag/source_file.h"
#include "style/layout_set.h"

namespace shiryo::compose {
namespace {

style::Style with_font_of(style::Style base, const style::Style& font_from) {
  base.font = font_from.font;
  return base;
}

void add_inline(const model::Inline& item, const style::Style& style, const ViewContext& view,
                layout::ParagraphBox& p, bool& after_leader, const std::optional<std::string>& uri,
                FootnoteSink* notes) {
  auto push = [&](layout::InlineRun run) {
    if (uri) run.uri = uri;
    (after_leader ? p.leader_tail : p.runs).push_back(std::move(run));
  };
  const auto& layout = view.layout();
  switch (item.kind) {
    case model::Inline::Kind::text:
      push(view.run(item.text, style));
      break;
    case model::Inline::Kind::line_break: {
      layout::InlineRun br = view.run(std::string(), style);
      br.line_break = true;
      push(std::move(br));
      break;
    }
    case model::Inline::Kind::bold:
      for (const auto& child : item.children) {
        add_inline(child, with_font_of(style, view.style("inline.bold")), view, p, after_leader, uri, notes);
      }
      break;
    case model::Inline::Kind::superscript:
    case model::Inline::Kind::subscript: {
      const bool sup = item.kind == model::Inline::Kind::superscript;
      style::Style small = style;
      small.size = view.style(sup ? "inline.sup" : "inline.sub").size;
      const double rise = sup ? layout.length("inline.sup-rise") : -layout.length("inline.sub-drop");
      layout::ParagraphBox inner;
      bool inner_leader = false;
      for (const auto& child : item.children) add_inline(child, small, view, inner, inner_leader, uri, notes);
      for (auto& run : inner.runs) {
        run.rise += rise;
        push(std::move(run));
      }
      break;
    }
    case model::Inline::Kind::link:
      for (const auto& child : item.children) {
        add_inline(child, style, view, p, after_leader, item.href ? std::optional(item.href->value) : uri, notes);
      }
      break;
    case model::Inline::Kind::footnote: {
      if (!notes || !notes->notes) {
        push(view.run("（", style));
        for (const auto& child : item.children) add_inline(child, style, view, p, after_leader, uri, nullptr);
        push(view.run("）", style));
        break;
      }
      // A superscript mark here; the note at the foot of the page.
      const std::string number = std::to_string(notes->next_number++);
      layout::InlineRun mark = view.run(layout.word("footnote.mark", {{"n", number}}), style);
      mark.size = view.style("inline.sup").size;
      mark.rise = layout.length("inline.sup-rise");
      mark.footnote = notes->notes->size();
      push(std::move(mark));
      const style::Style& note_style = view.style("footnote");
      layout::ParagraphBox note = view.paragraph("footnote", {view.run(layout.word("footnote.number", {{"n", number}}), note_style)});
      note.hang_after_first_run = true;
      bool note_leader = false;
      for (const auto& child : item.children) add_inline(child, note_style, view, note, note_leader, uri, nullptr);
      notes->notes->push_back(std::move(note));
      break;
    }
    case model::Inline::Kind::leader:
      after_leader = true;
      break;
    case model::Inline::Kind::tally:
      push(view.run(tally_text(*item.tally, view.packet()), style));
      break;
  }
}

layout::ParagraphBox rich_paragraph(const model::RichText& text, const std::string& style_name,
                                    const ViewContext& view, FootnoteSink* notes = nullptr) {
  layout::ParagraphBox p = view.paragraph(style_name, {});
  add_rich_text(text, p.style, view, p, notes);
  return p;
}

// A `<col width>`: a percent of the measure, a length, `*` (or `2*`) for a
// share of what is left; no width is sized from the content.
layout::ColumnSpec column_spec(const std::string& w) {
  using Kind = layout::ColumnSpec::Kind;
  if (w.empty()) return {Kind::automatic, 0};
  if (w.back() == '%') {
    if (auto v = style::parse_length(w.substr(0, w.size() - 1) + "pt")) return {Kind::percent, *v};
  } else if (w.back() == '*') {
    if (w.size() == 1) return {Kind::proportional, 1};
    if (auto v = style::parse_length(w.substr(0, w.size() - 1) + "pt")) return {Kind::proportional, *v};
  } else if (auto v = style::parse_length(w)) {
    return {Kind::fixed, *v};
  }
  return {Kind::proportional, 1};
}

style::Align align_of(model::CellAlign a, style::Align fallback) {
  switch (a) {
    case model::CellAlign::left: return style::Align::left;
    case model::CellAlign::center: return style::Align::center;
    case model::CellAlign::right: return style::Align::right;
    case model::CellAlign::unspecified: break;
  }
  return fallback;
}

// The bytes of a note's typed mark at the start of `text`: ※ with the
// digits after it (※1), or a circled number (① … ⑳, ㉑ … ㊿); 0 for none.
std::size_t note_mark_length(const std::string& text) {
  std::size_t at = 0;
  const char32_t first = diag::decode_utf8(text, at);
  const bool circled = (first >= U'①' && first <= U'⑳') || (first >= U'㉑' && first <= U'㉟') ||
                       (first >= U'㊱' && first <= U'㊿');
  if (circled) return at;
  if (first != U'※') return 0;
  std::size_t end = at;
  while (end < text.size()) {
    std::size_t next = end;
    const char32_t c = diag::decode_utf8(text, next);
    if (!((c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'))) break;
    end = next;
  }
  return end;
}

// Unless the packet says otherwise, the text cells of a row start on the
// same line (top), so that two columns read side by side; a header and a
// cell spanning rows (a group's label) sit in the middle of their height.
layout::VerticalAlign valign_of(const model::TableCell& cell) {
  switch (cell.valign) {
    case model::CellVAlign::top: return layout::VerticalAlign::top;
    case model::CellVAlign::bottom: return layout::VerticalAlign::bottom;
    case model::CellVAlign::middle: return layout::VerticalAlign::middle;
    case model::CellVAlign::unspecified: break;
  }
  return cell.header || cell.rowspan > 1 ? layout::VerticalAlign::middle : layout::VerticalAlign::top;
}

std::vector<layout::TableRow> generic_rows(const std::vector<model::TableRow>& rows, const ViewContext& view,
                                           FootnoteSink* notes) {
  std::vector<layout::TableRow> out;
  for (const auto& row : rows) {
    layout::TableRow r;
    for (const auto& cell : row.cells) {
      const std::string style_name = cell.header ? "block.header-cell" : "block.cell";
      layout::TableCell c = styled_cell(view.style(style_name));
      c.colspan = static_cast<std::size_t>(std::max(cell.colspan, 1));
      c.rowspan = static_cast<std::size_t>(std::max(cell.rowspan, 1));
      c.valign = valign_of(cell);
      c.heads_row = cell.header;
      layout::ParagraphBox p = rich_paragraph(cell.text, style_name, view, notes);
      p.style.align = align_of(cell.align, p.style.align);
      if (!cell.text.empty()) c.blocks.emplace_back(std::move(p));
      for (const auto& figure : cell.figures) add_cell_figure(figure, view, c.blocks, notes);
      r.cells.push_back(std::move(c));
    }
    out.push_back(std::move(r));
  }
  return out;
}

layout::TableBox generic_table(const model::Table& table, std::size_t offset, const ViewContext& view,
                               FootnoteSink* notes) {
  layout::TableBox out;
  for (const auto& w : table.column_widths) out.columns.push_back(column_spec(w.value));
  out.header = generic_rows(table.head, view, notes);
  out.body = generic_rows(table.body, view, notes);
  mark_continuations(out, view);
  out.source_offset = offset;
  out.space_after = view.style("block.cell").space_after;
  return out;
}

// A one-cell table around blocks: boxes and placeholders.
layout::TableBox framed(std::vector<layout::CellBlock> blocks, const style::Style& style, double measure) {
  layout::TableBox box;
  box.columns = {{layout::ColumnSpec::Kind::fixed, measure}};
  box.space_after = style.space_after;
  layout::TableCell cell = styled_cell(style);
  cell.blocks = std::move(blocks);
  box.body.push_back(layout::TableRow{{std::move(cell)}});
  return box;
}

}  // namespace

layout::TableCell styled_cell(const style::Style& style) {
  layout::TableCell cell;
  const double pad = style.padding;
  cell.padding = {pad, pad, pad, pad};
  const layout::Border rule{style.rule_width, layout::BorderStyle::solid, style.color};
  cell.borders = {rule, rule, rule, rule};
  cell.fill = style.fill;
  return cell;
}

layout::TableCell text_cell(std::vector<layout::InlineRun> runs, const style::Style& style) {
  layout::TableCell cell = styled_cell(style);
  cell.valign = layout::VerticalAlign::middle;
  layout::ParagraphBox p;
  p.runs = std::move(runs);
  p.style = style;
  cell.blocks.emplace_back(std::move(p));
  return cell;
}

std::vector<layout::InlineRun> text_lines(const std::string& text, const style::Style& style,
                                          const ViewContext& view) {
  std::vector<layout::InlineRun> runs;
  std::size_t at = 0;
  while (true) {
    const std::size_t end = text.find('\n', at);
    runs.push_back(view.run(text.substr(at, end - at), style));
    if (end == std::string::npos) break;
    layout::InlineRun br = view.run(std::string(), style);
    br.line_break = true;
    runs.push_back(std::move(br));
    at = end + 1;
  }
  return runs;
}

layout::ParagraphBox continued_mark(const ViewContext& view) {
  const style::Style& s = view.style("table.continued");
  return view.paragraph("table.continued", {view.run(view.layout().word("table.continued"), s)});
}

void mark_continuations(layout::TableBox& table, const ViewContext& view) {
  table.continued_mark = continued_mark(view);
  table.continued_label = view.layout().word("table.continued-label");
}

void add_rich_text(const model::RichText& text, const style::Style& style, const ViewContext& view,
                   layout::ParagraphBox& paragraph, FootnoteSink* notes) {
  bool after_leader = false;
  for (const auto& item : text) add_inline(item, style, view, paragraph, after_leader, std::nullopt, notes);
}

layout::TableBox placeholder(const std::string& element, std::size_t offset, const ViewContext& view,
                             double measure) {
  view.diags().warning(view.packet().source, offset, element + " is not drawn yet; a placeholder naming it is printed");
  const style::Style& s = view.style("placeholder");
  layout::ParagraphBox p =
      view.paragraph("placeholder", {view.run(view.layout().word("placeholder", {{"element", element}}), s)});
  return framed({std::move(p)}, s, measure);
}

void add_view(const model::View& v, const ViewContext& view, double measure, std::vector<layout::Block>& out) {
  using Kind = model::View::Kind;
  switch (v.kind) {
    case Kind::results: add_results(v, view, measure, out); break;
    case Kind::results_detail: add_results_detail(v, view, measure, out); break;
    case Kind::breakdown: add_breakdown(v, view, measure, out); break;
    case Kind::plan_tree: add_plan_tree(v, view, measure, out); break;
    case Kind::plan_sheets: add_plan_sheets(v, view, measure, out); break;
    case Kind::period_comparison: add_period_comparison(v, view, measure, out); break;
  }
}

// A paragraph that reads as a heading of what follows it: all its text in
// bold, or a lead without a full stop (主な成果, 3　市民協働により…) right
// before a list or a paragraph. The page flow keeps it only while it is one
// line.
bool leads_what_follows(const model::Block& b, const model::Block* next) {
  const bool all_bold = !b.text.empty() && std::all_of(b.text.begin(), b.text.end(), [](const model::Inline& i) {
    return i.kind == model::Inline::Kind::bold;
  });
  const std::string plain = model::plain_text(b.text);
  const bool lead = next && (next->kind == model::Block::Kind::list || next->kind == model::Block::Kind::paragraph) &&
                    b.align == model::CellAlign::unspecified && !plain.empty() && plain.find("。") == std::string::npos;
  return all_bold || lead;
}

void add_blocks(const std::vector<model::Block>& blocks, const ViewContext& view, double measure,
                std::vector<layout::Block>& out, FootnoteSink* notes) {
  for (std::size_t at = 0; at < blocks.size(); ++at) {
    const model::Block& b = blocks[at];
    switch (b.kind) {
      case model::Block::Kind::heading: {
        layout::ParagraphBox p = rich_paragraph(b.text, "block.h" + std::to_string(b.level), view, notes);
        p.heading_level = b.level;
        if (b.level == 1) p.anchor = heading_anchor(b);
        out.emplace_back(std::move(p));
        break;
      }
      case model::Block::Kind::paragraph: {
        layout::ParagraphBox p = rich_paragraph(b.text, "block.p", view, notes);
        p.style.align = align_of(b.align, p.style.align);
        if (b.align != model::CellAlign::unspecified) p.style.hang = 0, p.style.indent = 0;
        p.keep_with_next = leads_what_follows(b, at + 1 < blocks.size() ? &blocks[at + 1] : nullptr);
        out.emplace_back(std::move(p));
        break;
      }
      case model::Block::Kind::note: {
        // The mark the writer typed (※, ※1, ①) hangs; the text after it aligns.
        layout::ParagraphBox p = rich_paragraph(b.text, "block.note", view, notes);
        if (const std::size_t mark_end = p.runs.empty() ? 0 : note_mark_length(p.runs.front().text)) {
          layout::InlineRun rest = p.runs.front();
          std::size_t cut = mark_end;
          while (cut < rest.text.size() && (rest.text[cut] == ' ' || rest.text.compare(cut, 3, "　") == 0)) {
            cut += rest.text[cut] == ' ' ? 1 : 3;
          }
          layout::InlineRun mark = rest;
          mark.text = rest.text.substr(0, cut);
          rest.text = rest.text.substr(cut);
          if (rest.origin) rest.origin.reset();
          p.runs.front() = std::move(mark);
          p.runs.insert(p.runs.begin() + 1, std::move(rest));
          p.hang_after_first_run = true;
        }
        out.emplace_back(std::move(p));
        break;
      }
      case model::Block::Kind::list: {
        int n = 1;
        for (const auto& item : b.items) {
          const std::string mark =
              b.ordered ? view.layout().word("list.number", {{"n", std::to_string(n++)}})
                        : view.layout().word("list.mark", {{"mark", b.mark ? b.mark->value : "・"}});
          layout::ParagraphBox p = view.paragraph("block.li", {view.run(mark, view.style("block.li"))});
          add_rich_text(item, p.style, view, p, notes);
          p.hang_after_first_run = true;
          out.emplace_back(std::move(p));
        }
        break;
      }
      case model::Block::Kind::box: {
        const style::Style& s = view.style("block.box");
        std::vector<layout::Block> inner;
        add_blocks(b.children, view, measure - 2 * s.padding, inner, notes);
        // The parser admits only blocks that sit in a frame: paragraphs,
        // tables and figures (the image, then its caption).
        std::vector<layout::CellBlock> framed_blocks;
        for (auto& block : inner) {
          if (auto* p = std::get_if<layout::ParagraphBox>(&block)) {
            framed_blocks.emplace_back(std::move(*p));
          } else if (auto* t = std::get_if<layout::TableBox>(&block)) {
            framed_blocks.emplace_back(layout::NestedTable{std::make_shared<const layout::TableBox>(std::move(*t))});
          } else if (auto* f = std::get_if<layout::Figure>(&block)) {
            framed_blocks.emplace_back(layout::CellImage{.image = f->image,
                                                         .width = f->width,
                                                         .height = f->height,
                                                         .aspect = f->image->shown_aspect(),
                                                         .source_offset = f->source_offset,
                                                         // Its resolution was judged as a block's.
                                                         .src = {},
                                                         .src_offset = 0,
                                                         .alt = f->alt,
                                                         .captioned = f->caption.has_value()});
            if (f->caption) framed_blocks.emplace_back(std::move(*f->caption));
          }
        }
        out.emplace_back(framed(std::move(framed_blocks), s, measure));
        break;
      }
      case model::Block::Kind::table:
        out.emplace_back(generic_table(*b.table, b.offset, view, notes));
        break;
      case model::Block::Kind::page_break:
        out.emplace_back(layout::PageBreak{});
        break;
      case model::Block::Kind::toc:
        if (notes && notes->document) {
          add_toc(b, *notes->document, view, out);
        } else {
          out.emplace_back(placeholder("<toc> outside a document's own blocks", b.offset, view, measure));
        }
        break;
      case model::Block::Kind::figure:
        add_figure(b, view, measure, out, notes);
        break;
      case model::Block::Kind::view:
        add_view(*b.view, view, measure, out);
        break;
    }
  }
}

}  // namespace shiryo::compose
