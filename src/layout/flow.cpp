#include "layout/flow.h"

#include "layout/diagram.h"
#include "layout/table_flow.h"

#include <algorithm>
#include <map>
#include <optional>
#include <tuple>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

namespace shiryo::layout {
namespace {

// A figure (outside a frame or in one) that no page holds at its size.
constexpr const char* kFigureShrunk = "the figure is taller than a page; it is drawn smaller, to fit one";

void draw_line(const Line& line, double x, double top, Page& page) {
  for (const auto& run : line.runs) page.runs.push_back(moved(run, x, top + line.baseline));
  for (const auto& link : line.links) page.links.push_back(moved(link, x, top));
}

void draw_box(double x, double y, double w, double h, double rule_width, style::Color color,
              Page& page) {
  page.rules.push_back({x, y, x + w, y, rule_width, color});
  page.rules.push_back({x, y + h, x + w, y + h, rule_width, color});
  page.rules.push_back({x, y, x, y + h, rule_width, color});
  page.rules.push_back({x + w, y, x + w, y + h, rule_width, color});
}

// Each link area from `link0` on gets a Link element, under the element of
// the runs it covers (runs from `run0` that show a link, on its line and from
// its left edge), which move into it; `fallback` is the parent when it covers
// none. Neighbouring areas of one target (a leader and its tail) share one.
void tag_links(Page& page, std::size_t run0, std::size_t link0, Tag fallback, StructureTree& tree) {
  constexpr double kSlack = 0.01;  // pt
  Tag previous = kUntagged;
  for (std::size_t l = link0; l < page.links.size(); ++l) {
    LinkArea& link = page.links[l];
    std::vector<GlyphRun*> covered;
    Tag parent = kUntagged;
    for (std::size_t r = run0; r < page.runs.size(); ++r) {
      GlyphRun& run = page.runs[r];
      if (run.link < 0 || run.glyphs.empty()) continue;
      const double left = run.x + run.glyphs.front().x;
      if (run.y < link.y - kSlack || run.y > link.y + link.height + kSlack || left < link.x - kSlack ||
          left >= link.x + link.width - kSlack)
        continue;
      covered.push_back(&run);
      if (parent == kUntagged && is_element(run.tag)) parent = run.tag;
    }
    if (parent == kUntagged) parent = fallback;
    const LinkArea* before = l > link0 ? &page.links[l - 1] : nullptr;
    Tag element = previous;
    if (!(before && before->anchor == link.anchor && before->uri == link.uri && is_element(previous) &&
          tree.elements[previous].parent == parent)) {
      element = tree.add(parent, "Link");
    }
    for (GlyphRun* run : covered) {
      if (run->part != GlyphRun::Part::leader) {
        run->tag = element;
        tree.elements[element].alt += run->text;
      }
    }
    link.tag = element;
    previous = element;
  }
}

// A diagram's text for a screen reader: each box's text, depth first from
// the boxes no connector leads to, the levels joined by a dash
// (重点目標Ⅰ 強くしなやかな組織をつくる — (1) 職員の能力向上 — ア …).
std::string diagram_alt(const Diagram& diagram) {
  const std::size_t n = diagram.boxes.size();
  std::vector<std::vector<std::size_t>> children(n);
  std::vector<bool> is_child(n, false);
  for (const auto& c : diagram.connectors) {
    if (c.from >= n) continue;
    for (std::size_t to : c.to) {
      if (to < n && !is_child[to]) {
        children[c.from].push_back(to);
        is_child[to] = true;
      }
    }
  }
  const auto text_of = [&](std::size_t b) {
    std::string t;
    for (const auto& p : diagram.boxes[b].paragraphs) {
      if (!t.empty()) t += ' ';
      for (const auto& run : p.runs) t += run.text;
    }
    return t;
  };
  std::string out;
  std::vector<bool> seen(n, false);
  // Iterative, so that no drawing can nest deeper than the stack allows.
  std::vector<std::size_t> stack;
  for (std::size_t root = n; root-- > 0;)
    if (!is_child[root]) stack.push_back(root);
  while (!stack.empty()) {
    const std::size_t b = stack.back();
    stack.pop_back();
    if (seen[b]) continue;
    seen[b] = true;
    if (!out.empty()) out += is_child[b] ? " — " : "。";
    out += text_of(b);
    for (std::size_t k = children[b].size(); k-- > 0;) stack.push_back(children[b][k]);
  }
  return out;
}

// Paragraphs of this many lines or more keep two lines on each side of a
// page break; shorter ones never split.
constexpr std::size_t kWidowOrphanMinLines = 4;

bool keeps_with_next(const ParagraphBox& p, std::size_t lines) {
  return p.heading_level > 0 || (p.keep_with_next && lines == 1);
}

class PageFlow {
 public:
  // The section's Sect goes under `parent` (the Document, or its document's
  // Sect for a part), its headings continuing from level `heading`.
  PageFlow(LaidOutPacket& out, const Section& section, TextContext& context, Tag parent, int heading)
      : out_(out), section_(section), context_(context), tree_(out.structure), heading_(heading) {
    sect_ = tree_.add(parent, "Sect");
    new_page();
  }

  Tag sect() const { return sect_; }
  int heading() const { return heading_; }

  // Whether the first of `blocks` can start within `height`: a paragraph's
  // first two lines (all of one that never splits; a line of one paragraph
  // and the first of the next), a table's header with some of its body; a
  // heading with the start of what it keeps with (a heading under a heading).
  bool starts_within(std::span<const Block> blocks, double height, std::size_t lines_wanted = 2) {
    if (blocks.empty()) return true;
    const Block& block = blocks.front();
    if (const auto* p = std::get_if<ParagraphBox>(&block)) {
      const auto lines = layout_paragraph(*p, body_width(), context_);
      if (keeps_with_next(*p, lines.size())) {
        const double whole = p->style.space_before + lines_height(lines) + p->style.space_after;
        return whole <= height && starts_within(blocks.subspan(1), height - whole);
      }
      const std::size_t k = lines.size() < kWidowOrphanMinLines ? lines.size() : std::min(lines.size(), lines_wanted);
      const double start = p->style.space_before + lines_height({lines.begin(), lines.begin() + static_cast<long>(k)});
      if (start > height) return false;
      if (k >= lines_wanted || blocks.size() < 2) return true;
      const double whole = p->style.space_before + lines_height(lines) + p->style.space_after;
      const auto* next = std::get_if<ParagraphBox>(&blocks[1]);
      return !next || next->heading_level > 0 || starts_within(blocks.subspan(1), height - whole, lines_wanted - k);
    }
    if (const auto* t = std::get_if<TableBox>(&block)) {
      TableFlow probe(*t, body_width(), context_);
      return probe.layout(Region{body_width(), height, false, empty_page_height()}, nullptr).fragment.holds_body;
    }
    if (const auto* d = std::get_if<Diagram>(&block)) return DiagramLayout(*d, context_).least_height() <= height;
    if (const auto* f = std::get_if<Figure>(&block)) return f->space_before + f->height + caption_height(*f) <= height;
    return true;
  }

  // A figure in a frame that, with its caption under it and the frame's
  // padding, is taller than an empty page is drawn smaller to fit one, as a
  // figure outside a frame is, rather than past the page's foot. The copy
  // is made only when a figure needs it.
  std::optional<TableBox> with_figures_fitted(const TableBox& table) {
    std::optional<TableBox> out;
    const auto fit = [&](std::vector<TableRow> TableBox::*section) {
      const std::vector<TableRow>& rows = table.*section;
      for (std::size_t r = 0; r < rows.size(); ++r) {
        for (std::size_t c = 0; c < rows[r].cells.size(); ++c) {
          const TableCell& cell = rows[r].cells[c];
          for (std::size_t b = 0; b < cell.blocks.size(); ++b) {
            const auto* image = std::get_if<CellImage>(&cell.blocks[b]);
            if (!image) continue;
            double caption = 0;
            if (b + 1 < cell.blocks.size()) {
              if (const auto* p = std::get_if<ParagraphBox>(&cell.blocks[b + 1])) {
                const double inner = body_width() - cell.padding.left - cell.padding.right;
                caption = p->style.space_before + lines_height(layout_paragraph(*p, inner, context_));
              }
            }
            const double room = empty_page_height() - cell.padding.top - cell.padding.bottom - caption;
            // A cell is at most the text width: the figure's height there
            // is the most it can take.
            const double height = image->drawn(body_width() - cell.padding.left - cell.padding.right).second;
            if (height <= room || room <= 0) continue;
            if (!out) out = table;
            std::get<CellImage>(((*out).*section)[r].cells[c].blocks[b]).max_height = room;
            out_.warnings.push_back(LayoutWarning{image->source_offset, kFigureShrunk});
          }
        }
      }
    };
    fit(&TableBox::header);
    fit(&TableBox::body);
    fit(&TableBox::footer);
    return out;
  }

  // An empty page has no notes at its foot yet.
  double empty_page_height() const {
    return section_.page.height - section_.page.margin_bottom - section_.page.margin_top;
  }

  // Headings nest under the packet's last top-level entry (the document).
  void outline(std::string title, int depth_wanted) {
    if (out_.outline.empty()) return;
    std::vector<OutlineEntry>* level = &out_.outline.back().children;
    for (int depth = 1; depth < depth_wanted && !level->empty(); ++depth) level = &level->back().children;
    level->push_back(OutlineEntry{std::move(title), out_.pages.size() - 1, {}});
  }

  void mark_anchor(const std::string& anchor) {
    if (!anchor.empty()) out_.anchors[anchor] = out_.pages.size() - 1;
  }

  void place_label(const LabelBox& label) {
    const style::PageMaster& pm = section_.page;
    ParagraphBox p;
    p.runs = {label.text};
    p.style = label.style;
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
    list_ = kUntagged;
    // The label names the document as its title does (the agenda links
    // "資料1"): it opens the title's H1, which a title after it continues.
    heading_ = 1;
    label_heading_ = tree_.add(sect_, "H1");
    draw_tagged(lines.front(), x + pad, y_ + pad, label_heading_, kUntagged);
    y_ += h + label.style.space_after;
  }

  // `following` are the blocks after `p`: a heading keeps the start of them on its page.
  void place(const ParagraphBox& p, std::span<const Block> following) {
    const auto lines = layout_paragraph(p, body_width(), context_);
    if (!at_top()) y_ += p.style.space_before;
    if (keeps_with_next(p, lines.size()) && !at_top()) {
      // Keep with what follows: the heading and the start of the next block.
      const double after = y_ + lines_height(lines) + p.style.space_after;
      if (after > bottom() || !starts_within(following, bottom() - after)) new_page();
    }
    if (p.heading_level > 0) {
      std::string title = p.bookmark;
      if (title.empty())
        for (const auto& line : lines)
          for (const auto& run : line.runs) title += run.text;
      outline(std::move(title), p.heading_level);
    }
    Tag text = kUntagged, mark = kUntagged;
    const Tag label = std::exchange(label_heading_, kUntagged);
    if (const int level = p.heading_level > 0 ? p.heading_level + section_.heading_shift : p.structure_heading;
        level > 0) {
      // Never a level skipped: a heading goes at most one below the last.
      heading_ = std::min({level, heading_ + 1, 6});
      list_ = kUntagged;
      text = label != kUntagged && heading_ == 1 ? label : tree_.add(sect_, "H" + std::to_string(heading_));
    } else if (p.hang_after_first_run && p.runs.size() > 1) {
      // A paragraph that hangs after its mark (◆, ①, ※, an agenda's number) is a list item.
      if (list_ == kUntagged) list_ = tree_.add(sect_, "L");
      const Tag item = tree_.add(list_, "LI");
      mark = tree_.add(item, "Lbl");
      text = tree_.add(item, "LBody");
    } else {
      list_ = kUntagged;
      text = tree_.add(sect_, "P");
    }
    bool anchored = false;
    const std::size_t n = lines.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (y_ + lines[i].height + notes_height(lines[i].footnotes) > bottom() && !at_top()) {
        new_page();
      } else if (i == 0 && n >= 2 && n < kWidowOrphanMinLines && !at_top() && y_ + lines_height(lines) > bottom()) {
        new_page();  // a paragraph of two or three lines never splits
      } else if (i == 0 && n >= kWidowOrphanMinLines && !at_top() && y_ + lines_height({lines.begin(), lines.begin() + 2}) > bottom()) {
        new_page();  // no single line of a paragraph alone at a page's foot
      } else if (n >= kWidowOrphanMinLines && i == n - 2 && i >= 2 && !at_top() &&
                 y_ + lines[i].height + lines[i + 1].height > bottom()) {
        new_page();  // nor alone at the next page's head
      }
      if (!anchored) mark_anchor(p.anchor), anchored = true;
      draw_tagged(lines[i], section_.page.margin_left, y_, text, mark);
      y_ += lines[i].height;
      for (std::size_t id : lines[i].footnotes) add_note(id, text);
    }
    y_ += p.style.space_after;
    after_heading_ = p.heading_level > 0;
  }

  // Sets the notes of the last page at its foot.
  void finish() { flush_notes(); }

  // The table flows into what is left of this page, then into fresh pages,
  // each resuming from the break token of the one before.
  void place(const TableBox& given) {
    after_heading_ = false;
    list_ = kUntagged;
    const std::optional<TableBox> fitted = with_figures_fitted(given);
    const TableBox& table = fitted ? *fitted : given;
    TableTags tags(table, tree_, tree_.add(sect_, "Table"));
    TableFlow flow(table, body_width(), context_);
    std::unique_ptr<TableBreakToken> token;
    bool started = false;
    bool split_warned = false;
    for (;;) {
      // The notes of the cells' lines drawn here go to this page's foot: the
      // table is laid again above them until the notes of what fits fit too
      // (the room only shrinks, so this ends).
      const bool top_of_page = at_top();
      double notes = 0;
      TableLayoutResult laid;
      for (;;) {
        laid = flow.layout(Region{body_width(), bottom() - y_ - notes, top_of_page, empty_page_height()}, token.get());
        std::vector<std::size_t> ids;
        for (const auto& ref : laid.fragment.footnotes) ids.push_back(ref.note);
        const double wanted = notes_height(ids);
        if (wanted <= notes) break;
        notes = wanted;
      }
      const double height = laid.fragment.height;
      const bool holds_body = laid.fragment.holds_body;
      if (!started && height > 0) {
        // Where the table really starts: its first fragment is empty when it moves.
        started = true;
        mark_anchor(table.anchor);
        if (table.bookmark_level > 0) outline(table.bookmark, table.bookmark_level);
      }
      tags.tag(laid.fragment);
      for (const auto& ref : laid.fragment.footnotes) add_note(ref.note, laid.fragment.runs[ref.run].tag);
      const std::size_t run0 = page().runs.size(), link0 = page().links.size();
      draw_fragment(std::move(laid.fragment), section_.page.margin_left, y_);
      tag_links(page(), run0, link0, tags.table(), tree_);
      y_ += height;
      // TableFlow always places body at a page's top; were it ever not to,
      // a new page would not help, and looping would never end.
      if (!laid.resume || (!holds_body && top_of_page)) break;
      if (started && !split_warned && table.split_warning) {
        out_.warnings.push_back(LayoutWarning{table.source_offset.value_or(0), *table.split_warning});
        split_warned = true;
      }
      token = std::move(laid.resume);
      new_page();
    }
    y_ += table.space_after;
  }

  // A diagram goes whole where its text fits: here, or at the top of the
  // next page; its rows take what is left of the page, up to their most.
  // One that no page holds stays under its heading, scaled to the rest of
  // the page (the heading has moved to a new page to give it the most room).
  void place(const Diagram& diagram) {
    const DiagramLayout laid(diagram, context_);
    const double least = laid.least_height();
    const bool fits_a_page = least <= empty_page_height();
    if (!at_top() && least > bottom() - y_ && (fits_a_page || !after_heading_)) new_page();
    after_heading_ = false;
    DiagramFragment f = laid.layout(bottom() - y_);
    const double height = f.height;
    // The drawing is one figure, its text said by its alternative.
    list_ = kUntagged;
    const Tag figure = tree_.add(sect_, "Figure");
    tree_.elements[figure].alt = diagram_alt(diagram);
    for (auto& run : f.runs) run.tag = figure;
    const std::size_t run0 = page().runs.size(), link0 = page().links.size();
    draw_fragment(std::move(f), section_.page.margin_left, y_);
    tag_links(page(), run0, link0, figure, tree_);
    y_ += height + diagram.space_after;
  }

  // A figure and its caption go whole: here, or at the top of the next page.
  // One taller than an empty page is drawn smaller, to fit it, with a warning.
  void place(const Figure& figure) {
    after_heading_ = false;
    const double caption = caption_height(figure);
    double w = figure.width, h = figure.height;
    const double room = empty_page_height() - caption;
    if (h > room && room > 0) {
      out_.warnings.push_back(LayoutWarning{figure.source_offset, kFigureShrunk});
      w *= room / h;
      h = room;
    }
    if (!at_top()) y_ += figure.space_before;
    if (!at_top() && y_ + h + caption > bottom()) new_page();
    const double x = section_.page.margin_left + (body_width() - w) / 2;
    list_ = kUntagged;
    const Tag element = tree_.add(sect_, "Figure");
    page().images.push_back(PlacedImage{figure.image, x, y_, w, h, element, {}});
    y_ += h;
    std::string& alt = tree_.elements[element].alt;
    alt = figure.alt;
    if (figure.caption) {
      if (alt.empty())
        for (const auto& run : figure.caption->runs) alt += run.text;
      const Tag caption_tag = tree_.add(element, "Caption");
      y_ += figure.caption->style.space_before;
      for (const auto& line : layout_paragraph(*figure.caption, body_width(), context_)) {
        draw_tagged(line, section_.page.margin_left, y_, caption_tag, kUntagged);
        y_ += line.height;
        for (std::size_t id : line.footnotes) add_note(id, caption_tag);
      }
    }
    y_ += figure.space_after;
  }

  void place(const PageBreak&) {
    if (!at_top()) new_page();
  }

  std::size_t first_page() const { return first_page_; }

 private:
  double body_width() const {
    return section_.page.width - section_.page.margin_left - section_.page.margin_right;
  }
  // The body ends above the page's footnotes.
  double caption_height(const Figure& f) {
    if (!f.caption) return 0;
    return f.caption->style.space_before + lines_height(layout_paragraph(*f.caption, body_width(), context_));
  }

  double bottom() const { return section_.page.height - section_.page.margin_bottom - notes_height_; }

  // How much the notes `ids` (a line's, a table fragment's) add to this page's foot.
  double notes_height(const std::vector<std::size_t>& ids) {
    double h = 0;
    for (std::size_t id : ids) {
      if (std::find(placed_notes_.begin(), placed_notes_.end(), id) != placed_notes_.end()) continue;
      h += lines_height(layout_paragraph(section_.footnotes[id], body_width(), context_));
    }
    if (h > 0 && notes_.empty()) h += section_.footnote_gap;
    return h;
  }

  // Note `id` at this page's foot, unless it is set already; `from`: the
  // element its reference mark is in.
  void add_note(std::size_t id, Tag from) {
    if (std::find(placed_notes_.begin(), placed_notes_.end(), id) != placed_notes_.end()) return;
    if (notes_.empty()) notes_height_ += section_.footnote_gap;
    placed_notes_.push_back(id);
    note_refs_.push_back(from);
    notes_.push_back(layout_paragraph(section_.footnotes[id], body_width(), context_));
    notes_height_ += lines_height(notes_.back());
  }

  // The page's notes under a short rule, at the foot of its body.
  void flush_notes() {
    if (notes_.empty()) return;
    const style::PageMaster& pm = section_.page;
    double y = pm.height - pm.margin_bottom - notes_height_ + section_.footnote_gap / 2;
    page().rules.push_back(Rule{pm.margin_left, y, pm.margin_left + body_width() / 3, y, 0.5, {}});
    y += section_.footnote_gap / 2;
    for (std::size_t n = 0; n < notes_.size(); ++n) {
      const auto& note = notes_[n];
      const Tag element = tree_.add(sect_, "Note");
      tree_.elements[element].id = "note-" + std::to_string(element);
      tree_.elements[element].ref = note_refs_[n];
      for (const auto& line : note) {
        draw_tagged(line, pm.margin_left, y, element, kUntagged);
        y += line.height;
      }
    }
    notes_.clear();
    note_refs_.clear();
    notes_height_ = 0;
  }
  bool at_top() const { return y_ <= section_.page.margin_top; }

  // A line drawn as content of `text`, its list mark (if any) of `mark`
  // (kUntagged: of `text` too), its dot leader an artifact, its links in
  // Link elements.
  void draw_tagged(const Line& line, double x, double top, Tag text, Tag mark) {
    const std::size_t run0 = page().runs.size(), link0 = page().links.size();
    draw_line(line, x, top, page());
    for (std::size_t r = run0; r < page().runs.size(); ++r) {
      GlyphRun& run = page().runs[r];
      switch (run.part) {
        case GlyphRun::Part::leader: run.tag = kArtifact; break;
        case GlyphRun::Part::mark: run.tag = mark == kUntagged ? text : mark; break;
        case GlyphRun::Part::text: run.tag = text; break;
      }
    }
    tag_links(page(), run0, link0, text, tree_);
  }

  // The structure of one table over all its regions: its rows and cells are
  // created in grid order as they are first drawn, so that a cell split over
  // pages is one element; header rows drawn again, labels repeated where
  // rows continue, the （続き） mark and footers after the first are artifacts.
  class TableTags {
   public:
    // `repeats`: the table's header and footer are drawn again in each
    // region it continues in (a table inside a cell is laid once).
    TableTags(const TableBox& box, StructureTree& tree, Tag table, bool repeats = true)
        : box_(box), tree_(tree), table_(table), repeats_(repeats) {}
    Tag table() const { return table_; }

    void tag(TableFragment& fragment) {
      if (!fragment.holds_body) return;
      for (auto& run : fragment.runs) run.tag = kPagination;  // the （続き） mark, unless a cell's below
      std::vector<const CellFragment*> cells;
      for (const auto& c : fragment.cells) cells.push_back(&c);
      tag_cells(fragment, std::move(cells));
      drawn_ = true;
    }

   private:
    void tag_cells(TableFragment& fragment, std::vector<const CellFragment*> cells) {
      std::stable_sort(cells.begin(), cells.end(), [](const CellFragment* a, const CellFragment* b) {
        return std::tie(a->section, a->row, a->cell) < std::tie(b->section, b->row, b->cell);
      });
      for (const CellFragment* c : cells) {
        const bool again = c->repeated || (repeats_ && drawn_ && c->section != TableSection::body);
        const Tag tag = again ? kPagination : cell(*c);
        tag_runs(fragment, c->first_run, c->end_run, tag);
        if (again || tree_.elements[tag].role == "Caption") {
          for (std::size_t i = c->first_image; i < c->end_image && i < fragment.images.size(); ++i)
            fragment.images[i].tag = again ? kPagination : tag;
          continue;
        }
        for (const auto& piece : c->blocks) {
          const Tag element = block(*c, piece.block, tag);
          tag_runs(fragment, piece.first_run, piece.end_run, element);
          for (std::size_t i = piece.first_image; i < piece.end_image && i < fragment.images.size(); ++i) {
            fragment.images[i].tag = element;
            if (tree_.elements[element].role == "Figure") tree_.elements[element].alt = fragment.images[i].alt;
          }
        }
        // The cells of each table inside this cell, in that table's structure.
        std::map<std::size_t, std::vector<const CellFragment*>> nested;
        for (const auto& n : c->nested) nested[n.in_block].push_back(&n);
        for (auto& [b, inner] : nested) {
          TableTags* tags = nested_tags(*c, b, tag);
          if (tags) tags->tag_cells(fragment, std::move(inner));
        }
        // An image no block of the cell holds is a figure of its own.
        for (std::size_t i = c->first_image; i < c->end_image && i < fragment.images.size(); ++i) {
          PlacedImage& image = fragment.images[i];
          if (image.tag != kUntagged) continue;
          image.tag = tree_.add(tag, "Figure");
          tree_.elements[image.tag].alt = image.alt;
        }
      }
    }

    // The structure of the table that is block `b` of cell `c` (element `cell`).
    TableTags* nested_tags(const CellFragment& c, std::size_t b, Tag cell) {
      const auto key = std::make_tuple(c.section, c.row, c.cell, b);
      if (const auto found = nested_.find(key); found != nested_.end()) return found->second.get();
      const TableCell* box = box_of(c);
      const auto* table = box && b < box->blocks.size() ? std::get_if<NestedTable>(&box->blocks[b]) : nullptr;
      if (!table || !table->table) return nullptr;
      auto tags = std::make_unique<TableTags>(*table->table, tree_, block(c, b, cell), false);
      return nested_.emplace(key, std::move(tags)).first->second.get();
    }

    static void tag_runs(TableFragment& fragment, std::size_t first, std::size_t end, Tag tag) {
      for (std::size_t r = first; r < end && r < fragment.runs.size(); ++r)
        fragment.runs[r].tag = fragment.runs[r].part == GlyphRun::Part::leader ? kArtifact : tag;
    }

    // The element of block `b` of a cell that holds a figure or a table,
    // under the cell's element `cell`: a paragraph's P, a figure's Figure, a
    // table's Table, a caption's Caption inside its figure's or table's.
    Tag block(const CellFragment& c, std::size_t b, Tag cell) {
      const auto key = std::make_tuple(c.section, c.row, c.cell, b);
      if (const auto found = blocks_.find(key); found != blocks_.end()) return found->second;
      const TableCell* box = box_of(c);
      const CellBlock* content = box && b < box->blocks.size() ? &box->blocks[b] : nullptr;
      const auto* before = box && b > 0 && b - 1 < box->blocks.size() ? std::get_if<CellImage>(&box->blocks[b - 1]) : nullptr;
      Tag tag = kUntagged;
      const auto* next = box && b + 1 < box->blocks.size() ? std::get_if<NestedTable>(&box->blocks[b + 1]) : nullptr;
      if (content && std::holds_alternative<CellImage>(*content)) {
        tag = tree_.add(cell, "Figure");
      } else if (content && std::holds_alternative<NestedTable>(*content)) {
        tag = tree_.add(cell, "Table");
      } else if (next && next->caption_above) {
        tag = tree_.add(block(c, b + 1, cell), "Caption");
      } else if (before && before->captioned) {
        tag = tree_.add(block(c, b - 1, cell), "Caption");
      } else {
        tag = tree_.add(cell, "P");
      }
      blocks_.emplace(key, tag);
      return tag;
    }

    const TableCell* box_of(const CellFragment& c) const {
      const auto& rows = rows_of(c.section);
      return c.row < rows.size() && c.cell < rows[c.row].cells.size() ? &rows[c.row].cells[c.cell] : nullptr;
    }

    const std::vector<TableRow>& rows_of(TableSection s) const {
      return s == TableSection::header ? box_.header : s == TableSection::footer ? box_.footer : box_.body;
    }

    Tag cell(const CellFragment& c) {
      const auto key = std::make_tuple(c.section, c.row, c.cell);
      if (const auto found = cells_.find(key); found != cells_.end()) return found->second;
      if (c.section == TableSection::header && box_.header_is_caption) {
        if (caption_ == kUntagged) caption_ = tree_.add(table_, "Caption");
        cells_.emplace(key, caption_);
        return caption_;
      }
      const auto row_key = std::make_pair(c.section, c.row);
      auto row = rows_.find(row_key);
      if (row == rows_.end()) row = rows_.emplace(row_key, tree_.add(section(c.section), "TR")).first;
      const TableCell* box = box_of(c);
      // A header row's cells head their columns; a body cell may head its row.
      const bool column_head = c.section == TableSection::header;
      const bool row_head = !column_head && box && box->heads_row;
      const Tag tag = tree_.add(row->second, column_head || row_head ? "TH" : "TD");
      StructElement& e = tree_.elements[tag];
      if (column_head) e.scope = "Column";
      if (row_head) e.scope = "Row";
      if (box) {
        e.rowspan = std::max<std::size_t>(box->rowspan, 1);
        e.colspan = std::max<std::size_t>(box->colspan, 1);
      }
      cells_.emplace(key, tag);
      return tag;
    }

    Tag section(TableSection s) {
      auto found = sections_.find(s);
      if (found == sections_.end()) {
        const char* role = s == TableSection::header ? "THead" : s == TableSection::footer ? "TFoot" : "TBody";
        found = sections_.emplace(s, tree_.add(table_, role)).first;
      }
      return found->second;
    }

    const TableBox& box_;
    StructureTree& tree_;
    Tag table_;
    bool repeats_ = true;
    Tag caption_ = kUntagged;  // the header's Caption, for a table whose header is one
    bool drawn_ = false;  // a region already holds the table's first header and footer
    std::map<TableSection, Tag> sections_;
    std::map<std::pair<TableSection, std::size_t>, Tag> rows_;
    std::map<std::tuple<TableSection, std::size_t, std::size_t>, Tag> cells_;
    std::map<std::tuple<TableSection, std::size_t, std::size_t, std::size_t>, Tag> blocks_;
    std::map<std::tuple<TableSection, std::size_t, std::size_t, std::size_t>, std::unique_ptr<TableTags>> nested_;
  };
  Page& page() { return out_.pages.back(); }

  void new_page() {
    flush_notes();
    out_.pages.push_back(Page{section_.page.width, section_.page.height, {}, {}, {}, {}, {}});
    if (first_page_ == npos) first_page_ = out_.pages.size() - 1;
    y_ = section_.page.margin_top;
  }

  // A table's or a diagram's pieces, from (x, y) on the page.
  template <typename Fragment>
  void draw_fragment(Fragment fragment, double x, double y) {
    for (const auto& f : fragment.fills) page().fills.push_back(moved(f, x, y));
    for (const auto& r : fragment.rules) page().rules.push_back(moved(r, x, y));
    for (auto& run : fragment.runs) page().runs.push_back(moved(std::move(run), x, y));
    for (const auto& link : fragment.links) page().links.push_back(moved(link, x, y));
    if constexpr (requires { fragment.images; }) {
      for (const auto& image : fragment.images) page().images.push_back(moved(image, x, y));
    }
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  LaidOutPacket& out_;
  const Section& section_;
  TextContext& context_;
  std::size_t first_page_ = npos;
  double y_ = 0;
  std::vector<std::vector<Line>> notes_;  // this page's footnotes, laid out
  std::vector<Tag> note_refs_;            // the element each one is referred to from
  double notes_height_ = 0;
  std::vector<std::size_t> placed_notes_;  // notes already set in this section
  bool after_heading_ = false;  // the last block placed was a heading
  StructureTree& tree_;
  Tag sect_ = kUntagged;   // the section's structure element
  Tag list_ = kUntagged;   // the list the last paragraph was an item of
  Tag label_heading_ = kUntagged;  // the H1 the label opened, until the paragraph after it
  int heading_ = 0;        // the level of the section's last heading in the structure
};

void number_pages(const Section& section, std::size_t first, std::size_t end, int start,
                  LaidOutPacket& out, TextContext& context) {
  const style::PageMaster& pm = section.page;
  for (std::size_t i = first; i < end; ++i) {
    ParagraphBox p;
    p.runs = {section.numbers.format};
    p.style = section.numbers.style;
    std::string& t = p.runs.front().text;
    const auto at = t.find("{}");
    if (at != std::string::npos) t.replace(at, 2, std::to_string(start + static_cast<int>(i - first)));
    p.runs.front().origin.reset();
    const auto lines = layout_paragraph(p, pm.width - pm.margin_left - pm.margin_right, context);
    const double top = pm.height - pm.margin_bottom / 2 - lines.front().height / 2;
    const std::size_t run0 = out.pages[i].runs.size();
    draw_line(lines.front(), pm.margin_left, top, out.pages[i]);
    for (std::size_t r = run0; r < out.pages[i].runs.size(); ++r) out.pages[i].runs[r].tag = kPagination;
  }
}

// The number each page prints, if any, from the page label ranges.
std::vector<std::optional<int>> printed_numbers(const LaidOutPacket& out) {
  std::vector<std::optional<int>> numbers(out.pages.size());
  for (std::size_t r = 0; r < out.labels.size(); ++r) {
    const PageLabelRange& range = out.labels[r];
    const std::size_t end = r + 1 < out.labels.size() ? out.labels[r + 1].first_page : out.pages.size();
    if (!range.numbered) continue;
    for (std::size_t i = range.first_page; i < end; ++i)
      numbers[i] = range.start + static_cast<int>(i - range.first_page);
  }
  return numbers;
}

double run_width(const GlyphRun& run) {
  if (run.glyphs.empty()) return 0;
  const auto& last = run.glyphs.back();
  return last.x + run.font->advance(last.glyph) / static_cast<double>(run.font->units_per_em()) * run.size;
}

// A dot leader ends where the number after it begins: dots are added where
// the number came out narrower than its reserve, taken away where wider.
void refit_leader(GlyphRun& dots, double number_left) {
  if (dots.glyphs.empty()) return;
  const PositionedGlyph dot = dots.glyphs.back();
  const double step = dots.font->advance(dot.glyph) / static_cast<double>(dots.font->units_per_em()) * dots.size;
  const std::size_t dot_bytes = std::string(kLeaderDot).size();
  constexpr double kTolerance = 0.01;  // pt
  while (!dots.glyphs.empty() && dots.x + dots.glyphs.back().x + step > number_left + kTolerance) {
    dots.glyphs.pop_back();
    dots.text.resize(dots.text.size() - dot_bytes);
  }
  while (!dots.glyphs.empty() && dots.x + dots.glyphs.back().x + 2 * step <= number_left + kTolerance) {
    const PositionedGlyph& last = dots.glyphs.back();
    dots.glyphs.push_back(PositionedGlyph{
        .x = last.x + step, .glyph = dot.glyph, .cluster = last.cluster + static_cast<uint32_t>(dot_bytes)});
    dots.text += kLeaderDot;
  }
}

bool is_leader(const GlyphRun& run) {
  const std::string dot = kLeaderDot;
  if (run.text.empty() || run.text.size() % dot.size() != 0) return false;
  for (std::size_t i = 0; i < run.text.size(); i += dot.size())
    if (run.text.compare(i, dot.size(), dot) != 0) return false;
  return true;
}

// A page reference (a table of contents' number) becomes the number its
// anchor's page prints, flush right where its reserve text (888) stood, so
// no line moves: the pages are laid out only once.
void resolve_page_references(LaidOutPacket& out, TextContext& context) {
  const std::vector<std::optional<int>> printed = printed_numbers(out);
  for (Page& page : out.pages) {
    for (std::size_t i = 0; i < page.runs.size(); ++i) {
      GlyphRun& run = page.runs[i];
      if (run.page_ref.empty()) continue;
      const auto target = out.anchors.find(run.page_ref);
      const std::string number = target != out.anchors.end() && printed[target->second]
                                     ? std::to_string(*printed[target->second])
                                     : std::string();
      const double reserved = run_width(run);
      const double scale = run.size / run.font->units_per_em();
      std::vector<PositionedGlyph> glyphs;
      double x = 0;
      for (const auto& g : context.shapes.shape(*run.font, number)) {
        glyphs.push_back(PositionedGlyph{.x = x, .glyph = g.glyph, .cluster = g.cluster});
        x += g.advance * scale;
      }
      run.x += reserved - x;
      run.text = number;
      run.glyphs = std::move(glyphs);
      run.page_ref.clear();
      if (i > 0 && is_leader(page.runs[i - 1]) && page.runs[i - 1].y == run.y) refit_leader(page.runs[i - 1], run.x);
    }
  }
}

}  // namespace

LaidOutPacket layout_packet(const BoxTree& tree, TextContext& context) {
  LaidOutPacket out;
  int next_number = 1;
  // The Sect and heading level a part continues from.
  Tag document = 0;
  int heading = 0;
  for (const Section& section : tree.sections) {
    const bool part = section.part_of_previous && document != 0;
    PageFlow flow(out, section, context, part ? document : 0, part ? heading : 0);
    // The section's entry comes first, so that its headings nest under it.
    if (!section.bookmark.empty()) out.outline.push_back(OutlineEntry{section.bookmark, flow.first_page(), {}});
    if (section.label) flow.place_label(*section.label);
    for (std::size_t b = 0; b < section.blocks.size(); ++b) {
      const Block& block = section.blocks[b];
      if (const auto* p = std::get_if<ParagraphBox>(&block)) {
        flow.place(*p, std::span<const Block>(section.blocks).subspan(b + 1));
      } else {
        std::visit([&](const auto& other) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(other)>, ParagraphBox>) flow.place(other);
        }, block);
      }
    }
    flow.finish();
    if (!part) document = flow.sect();
    heading = flow.heading();
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
  resolve_page_references(out, context);
  return out;
}

}  // namespace shiryo::layout
