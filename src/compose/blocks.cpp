// Generic blocks of a document: headings, paragraphs, lists, notes, boxes,
// tables and page breaks; views not drawn yet become framed placeholders.
#include <algorithm>

#include "compose/views.h"
#include "style/layout_set.h"

namespace shiryo::compose {
namespace {

style::Style with_font_of(style::Style base, const style::Style& font_from) {
  base.font = font_from.font;
  return base;
}

void add_inline(const model::Inline& item, const style::Style& style, const ViewContext& view,
                layout::ParagraphBox& p, bool& after_leader, const std::optional<std::string>& uri) {
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
        add_inline(child, with_font_of(style, view.style("inline.bold")), view, p, after_leader, uri);
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
      for (const auto& child : item.children) add_inline(child, small, view, inner, inner_leader, uri);
      for (auto& run : inner.runs) {
        run.rise += rise;
        push(std::move(run));
      }
      break;
    }
    case model::Inline::Kind::link:
      for (const auto& child : item.children) {
        add_inline(child, style, view, p, after_leader, item.href ? std::optional(item.href->value) : uri);
      }
      break;
    case model::Inline::Kind::footnote:
      // The composer's footnotes (mark and note on the same page) are not
      // drawn yet: the note's text stays in the line, in brackets.
      push(view.run("（", style));
      for (const auto& child : item.children) add_inline(child, style, view, p, after_leader, uri);
      push(view.run("）", style));
      break;
    case model::Inline::Kind::leader:
      after_leader = true;
      break;
    case model::Inline::Kind::tally:
      push(view.run(tally_text(*item.tally, view.packet()), style));
      break;
  }
}

layout::ParagraphBox rich_paragraph(const model::RichText& text, const std::string& style_name,
                                    const ViewContext& view) {
  layout::ParagraphBox p = view.paragraph(style_name, {});
  add_rich_text(text, p.style, view, p);
  return p;
}

// Widths of generic table columns: percent of the measure, lengths, and `*`
// sharing what is left.
std::vector<double> column_widths(const model::Table& table, std::size_t columns, double measure) {
  std::vector<double> widths(columns, 0);
  std::vector<bool> star(columns, true);
  double fixed = 0;
  for (std::size_t c = 0; c < columns && c < table.column_widths.size(); ++c) {
    const std::string& w = table.column_widths[c].value;
    if (!w.empty() && w.back() == '%') {
      if (auto v = style::parse_length(w.substr(0, w.size() - 1) + "pt")) {
        widths[c] = measure * *v / 100;
        star[c] = false;
      }
    } else if (auto v = style::parse_length(w)) {
      widths[c] = *v;
      star[c] = false;
    }
    if (!star[c]) fixed += widths[c];
  }
  const auto stars = std::count(star.begin(), star.end(), true);
  for (std::size_t c = 0; c < columns; ++c) {
    if (star[c]) widths[c] = std::max(measure - fixed, 0.0) / static_cast<double>(stars);
  }
  return widths;
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

layout::TableBox generic_table(const model::Table& table, const ViewContext& view, double measure) {
  // The grid: a cell covered by a rowspan from above is left empty.
  std::size_t columns = table.column_widths.size();
  const std::vector<const model::TableRow*> rows = [&] {
    std::vector<const model::TableRow*> all;
    for (const auto& r : table.head) all.push_back(&r);
    for (const auto& r : table.body) all.push_back(&r);
    return all;
  }();
  for (const auto* row : rows) {
    std::size_t span = 0;
    for (const auto& cell : row->cells) span += static_cast<std::size_t>(cell.colspan);
    columns = std::max(columns, span);
  }
  layout::TableBox out;
  out.column_widths = column_widths(table, columns, measure);
  out.header_rows = table.head.size();
  out.space_after = view.style("block.cell").space_after;
  std::vector<int> covered(columns, 0);  // rows still covered by a rowspan, per column
  for (const auto* row : rows) {
    layout::TableRow r;
    std::size_t column = 0;
    auto skip_covered = [&] {
      while (column < columns && covered[column] > 0) {
        layout::TableCell empty;
        empty.style = view.style("block.cell");
        r.cells.push_back(std::move(empty));
        --covered[column];
        ++column;
      }
    };
    for (const auto& cell : row->cells) {
      skip_covered();
      if (column >= columns) break;
      const std::string style_name = cell.header ? "block.header-cell" : "block.cell";
      layout::TableCell c;
      c.style = view.style(style_name);
      c.colspan = std::min(static_cast<std::size_t>(cell.colspan), columns - column);
      layout::ParagraphBox p = rich_paragraph(cell.text, style_name, view);
      p.style.align = align_of(cell.align, p.style.align);
      if (!cell.text.empty()) c.paragraphs.push_back(std::move(p));
      for (std::size_t k = column; k < column + c.colspan; ++k) covered[k] = cell.rowspan - 1;
      column += c.colspan;
      r.cells.push_back(std::move(c));
    }
    skip_covered();
    while (column < columns) {
      layout::TableCell empty;
      empty.style = view.style("block.cell");
      r.cells.push_back(std::move(empty));
      ++column;
    }
    out.rows.push_back(std::move(r));
  }
  return out;
}

// A one-cell table around paragraphs: boxes and placeholders.
layout::TableBox framed(std::vector<layout::ParagraphBox> paragraphs, const style::Style& style, double measure) {
  layout::TableBox box;
  box.column_widths = {measure};
  box.space_after = style.space_after;
  layout::TableCell cell;
  cell.style = style;
  cell.paragraphs = std::move(paragraphs);
  box.rows.push_back(layout::TableRow{{std::move(cell)}});
  return box;
}

}  // namespace

void add_rich_text(const model::RichText& text, const style::Style& style, const ViewContext& view,
                   layout::ParagraphBox& paragraph) {
  bool after_leader = false;
  for (const auto& item : text) add_inline(item, style, view, paragraph, after_leader, std::nullopt);
}

void add_blocks(const std::vector<model::Block>& blocks, const ViewContext& view, double measure,
                std::vector<layout::Block>& out) {
  for (const auto& b : blocks) {
    switch (b.kind) {
      case model::Block::Kind::heading: {
        layout::ParagraphBox p = rich_paragraph(b.text, "block.h" + std::to_string(b.level), view);
        p.heading_level = b.level;
        out.emplace_back(std::move(p));
        break;
      }
      case model::Block::Kind::paragraph: {
        layout::ParagraphBox p = rich_paragraph(b.text, "block.p", view);
        p.style.align = align_of(b.align, p.style.align);
        if (b.align != model::CellAlign::unspecified) p.style.hang = 0, p.style.indent = 0;
        out.emplace_back(std::move(p));
        break;
      }
      case model::Block::Kind::note: {
        // The mark the writer typed (※) hangs; the text after it aligns.
        layout::ParagraphBox p = rich_paragraph(b.text, "block.note", view);
        if (!p.runs.empty() && p.runs.front().text.rfind("※", 0) == 0) {
          layout::InlineRun rest = p.runs.front();
          std::size_t cut = std::string("※").size();
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
          add_rich_text(item, p.style, view, p);
          p.hang_after_first_run = true;
          out.emplace_back(std::move(p));
        }
        break;
      }
      case model::Block::Kind::box: {
        const style::Style& s = view.style("block.box");
        std::vector<layout::Block> inner;
        add_blocks(b.children, view, measure - 2 * s.padding, inner);
        std::vector<layout::ParagraphBox> paragraphs;
        for (auto& block : inner) {
          if (auto* p = std::get_if<layout::ParagraphBox>(&block)) paragraphs.push_back(std::move(*p));
        }
        out.emplace_back(framed(std::move(paragraphs), s, measure));
        break;
      }
      case model::Block::Kind::table:
        out.emplace_back(generic_table(*b.table, view, measure));
        break;
      case model::Block::Kind::page_break:
        out.emplace_back(layout::PageBreak{});
        break;
      case model::Block::Kind::toc:
      case model::Block::Kind::figure:
      case model::Block::Kind::view: {
        const std::string element = b.view ? b.view->element()
                                   : b.kind == model::Block::Kind::toc ? "toc" : "figure";
        view.diags().warning(view.packet().source, b.offset,
                             "<" + element + "> is not drawn yet; a placeholder naming it is printed");
        const style::Style& s = view.style("placeholder");
        layout::ParagraphBox p = view.paragraph(
            "placeholder", {view.run(view.layout().word("placeholder", {{"element", "<" + element + ">"}}), s)});
        out.emplace_back(framed({std::move(p)}, s, measure));
        break;
      }
    }
  }
}

}  // namespace shiryo::compose
