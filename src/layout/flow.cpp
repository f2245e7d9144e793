#include "layout/flow.h"

#include <algorithm>
#include <type_traits>

namespace shiryo::layout {
namespace {

void shift(GlyphRun run, double dx, double dy, Page& page) {
  run.x += dx;
  run.y += dy;
  page.runs.push_back(std::move(run));
}

void draw_line(const Line& line, double x, double top, Page& page) {
  for (const auto& run : line.runs) shift(run, x, top + line.baseline, page);
  for (auto link : line.links) {
    link.x += x;
    link.y += top;
    page.links.push_back(std::move(link));
  }
}

void draw_box(double x, double y, double w, double h, double rule_width, style::Color color,
              Page& page) {
  page.rules.push_back({x, y, x + w, y, rule_width, color});
  page.rules.push_back({x, y + h, x + w, y + h, rule_width, color});
  page.rules.push_back({x, y, x, y + h, rule_width, color});
  page.rules.push_back({x + w, y, x + w, y + h, rule_width, color});
}

// A table row laid out at its column widths: each cell's lines.
struct RowLayout {
  std::vector<std::vector<Line>> cells;
  double height = 0;
};

// Paragraphs of this many lines or more keep two lines on each side of a page break.
constexpr std::size_t kWidowOrphanMinLines = 4;

class PageFlow {
 public:
  PageFlow(LaidOutPacket& out, const Section& section, TextContext& context)
      : out_(out), section_(section), context_(context) {
    new_page();
  }

  // What a block needs at least where it starts: a paragraph's first two
  // lines; for anything else, room for `fallback` (a few lines).
  double lead_height(const Block& block, double fallback) {
    if (const auto* p = std::get_if<ParagraphBox>(&block)) {
      const auto lines = layout_paragraph(*p, body_width(), context_);
      const std::size_t k = std::min<std::size_t>(lines.size(), 2);
      return p->style.space_before + lines_height({lines.begin(), lines.begin() + static_cast<long>(k)});
    }
    return fallback;
  }

  // Headings nest under the packet's last top-level entry (the document).
  void outline(const ParagraphBox& p, const std::vector<Line>& lines) {
    if (out_.outline.empty()) return;
    std::string title;
    for (const auto& line : lines)
      for (const auto& run : line.runs) title += run.text;
    std::vector<OutlineEntry>* level = &out_.outline.back().children;
    for (int depth = 1; depth < p.heading_level && !level->empty(); ++depth) level = &level->back().children;
    level->push_back(OutlineEntry{title, out_.pages.size() - 1, {}});
  }

  void place_label(const LabelBox& label) {
    const style::PageMaster& pm = section_.page;
    ParagraphBox p{{label.text}, label.style, {}, false};
    p.style.indent = 0;
    p.style.hang = 0;
    p.style.align = style::Align::left;
    const auto lines = layout_paragraph(p, body_width(), context_);
    double text_width = 0;
    for (const auto& run : lines.front().runs) {
      if (!run.glyphs.empty()) {
        const double upem = run.font->units_per_em();
        text_width = std::max(text_width, run.x + run.glyphs.back().x +
                                              run.font->advance(run.glyphs.back().glyph) / upem * run.size);
      }
    }
    const double pad = label.style.padding;
    const double w = text_width + 2 * pad;
    const double h = lines.front().height + 2 * pad;
    const double x = pm.width - pm.margin_right - w;
    draw_box(x, y_, w, h, label.style.rule_width, label.style.color, page());
    draw_line(lines.front(), x + pad, y_ + pad, page());
    y_ += h + label.style.space_after;
  }

  // `next` is the block that follows, which a heading keeps on its page.
  void place(const ParagraphBox& p, const Block* next) {
    const auto lines = layout_paragraph(p, body_width(), context_);
    if (!at_top()) y_ += p.style.space_before;
    if (p.heading_level > 0 && !at_top()) {
      // Keep with what follows: the heading and the start of the next block.
      const double needed = lines_height(lines) + (next ? lead_height(*next, 3 * lines.front().height) : 0);
      if (y_ + needed > bottom()) new_page();
    }
    if (p.heading_level > 0) outline(p, lines);
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (y_ + lines[i].height > bottom() && !at_top()) {
        new_page();
      } else if (i == 0 && n >= kWidowOrphanMinLines && !at_top() && y_ + lines_height({lines.begin(), lines.begin() + 2}) > bottom()) {
        new_page();  // no single line of a paragraph alone at a page's foot
      } else if (n >= kWidowOrphanMinLines && i == n - 2 && i >= 2 && !at_top() &&
                 y_ + lines[i].height + lines[i + 1].height > bottom()) {
        new_page();  // nor alone at the next page's head
      }
      draw_line(lines[i], section_.page.margin_left, y_, page());
      y_ += lines[i].height;
    }
    y_ += p.style.space_after;
  }

  void place(const TableBox& table) {
    std::vector<RowLayout> rows;
    rows.reserve(table.rows.size());
    for (const auto& row : table.rows) rows.push_back(layout_row(table, row));
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const bool header = r < table.header_rows;
      if (!header && y_ + rows[r].height > bottom() && !at_top_after_header(table, rows)) {
        new_page();
        for (std::size_t h = 0; h < table.header_rows; ++h) draw_row(table, table.rows[h], rows[h]);
      }
      draw_row(table, table.rows[r], rows[r]);
    }
    y_ += table.space_after;
  }

  void place(const PageBreak&) {
    if (!at_top()) new_page();
  }

  std::size_t first_page() const { return first_page_; }

 private:
  double body_width() const {
    return section_.page.width - section_.page.margin_left - section_.page.margin_right;
  }
  double bottom() const { return section_.page.height - section_.page.margin_bottom; }
  bool at_top() const { return y_ <= section_.page.margin_top; }
  bool at_top_after_header(const TableBox& table, const std::vector<RowLayout>& rows) const {
    double header = 0;
    for (std::size_t h = 0; h < table.header_rows; ++h) header += rows[h].height;
    return y_ <= section_.page.margin_top + header;
  }
  Page& page() { return out_.pages.back(); }

  void new_page() {
    out_.pages.push_back(Page{section_.page.width, section_.page.height, {}, {}, {}, {}});
    if (first_page_ == npos) first_page_ = out_.pages.size() - 1;
    y_ = section_.page.margin_top;
  }

  static double span_width(const TableBox& table, std::size_t first, std::size_t span) {
    double w = 0;
    for (std::size_t c = first; c < first + span && c < table.column_widths.size(); ++c) w += table.column_widths[c];
    return w;
  }

  RowLayout layout_row(const TableBox& table, const TableRow& row) {
    RowLayout out;
    std::size_t column = 0;
    for (std::size_t c = 0; c < row.cells.size() && column < table.column_widths.size(); ++c) {
      const TableCell& cell = row.cells[c];
      const double inner = span_width(table, column, cell.colspan) - 2 * cell.style.padding;
      column += cell.colspan;
      std::vector<Line> lines;
      for (const auto& p : cell.paragraphs) {
        auto more = layout_paragraph(p, inner, context_);
        lines.insert(lines.end(), std::make_move_iterator(more.begin()),
                     std::make_move_iterator(more.end()));
      }
      out.height = std::max(out.height, lines_height(lines) + 2 * cell.style.padding);
      out.cells.push_back(std::move(lines));
    }
    return out;
  }

  void draw_row(const TableBox& table, const TableRow& row, const RowLayout& layout) {
    double x = section_.page.margin_left;
    std::size_t column = 0;
    for (std::size_t c = 0; c < layout.cells.size(); ++c) {
      const TableCell& cell = row.cells[c];
      const double w = span_width(table, column, cell.colspan);
      column += cell.colspan;
      if (cell.style.fill) page().fills.push_back({x, y_, w, layout.height, *cell.style.fill});
      // Cell content is centred vertically in the row.
      double top = y_ + (layout.height - lines_height(layout.cells[c])) / 2;
      for (const auto& line : layout.cells[c]) {
        draw_line(line, x + cell.style.padding, top, page());
        top += line.height;
      }
      draw_box(x, y_, w, layout.height, cell.style.rule_width, cell.style.color, page());
      x += w;
    }
    y_ += layout.height;
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  LaidOutPacket& out_;
  const Section& section_;
  TextContext& context_;
  std::size_t first_page_ = npos;
  double y_ = 0;
};

void number_pages(const Section& section, std::size_t first, std::size_t end, int start,
                  LaidOutPacket& out, TextContext& context) {
  const style::PageMaster& pm = section.page;
  for (std::size_t i = first; i < end; ++i) {
    ParagraphBox p{{section.numbers.format}, section.numbers.style, {}, false};
    std::string& t = p.runs.front().text;
    const auto at = t.find("{}");
    if (at != std::string::npos) t.replace(at, 2, std::to_string(start + static_cast<int>(i - first)));
    p.runs.front().origin.reset();
    const auto lines = layout_paragraph(p, pm.width - pm.margin_left - pm.margin_right, context);
    const double top = pm.height - pm.margin_bottom / 2 - lines.front().height / 2;
    draw_line(lines.front(), pm.margin_left, top, out.pages[i]);
  }
}

}  // namespace

LaidOutPacket layout_packet(const BoxTree& tree, TextContext& context) {
  LaidOutPacket out;
  int next_number = 1;
  for (const Section& section : tree.sections) {
    PageFlow flow(out, section, context);
    // The section's entry comes first, so that its headings nest under it.
    if (!section.bookmark.empty()) out.outline.push_back(OutlineEntry{section.bookmark, flow.first_page(), {}});
    if (section.label) flow.place_label(*section.label);
    for (std::size_t b = 0; b < section.blocks.size(); ++b) {
      const Block& block = section.blocks[b];
      if (const auto* p = std::get_if<ParagraphBox>(&block)) {
        flow.place(*p, b + 1 < section.blocks.size() ? &section.blocks[b + 1] : nullptr);
      } else {
        std::visit([&](const auto& other) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(other)>, ParagraphBox>) flow.place(other);
        }, block);
      }
    }
    const std::size_t first = flow.first_page();
    if (!section.anchor.empty()) out.anchors[section.anchor] = first;
    const bool numbered = section.numbers.printed;
    const int start = section.numbers.restart ? section.numbers.first : next_number;
    out.labels.push_back(PageLabelRange{first, section.page_label, numbered, start});
    if (numbered) {
      number_pages(section, first, out.pages.size(), start, out, context);
      next_number = start + static_cast<int>(out.pages.size() - first);
    }
  }
  return out;
}

}  // namespace shiryo::layout
