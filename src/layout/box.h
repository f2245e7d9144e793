// The box tree: what compose hands to layout. Blocks carry their styles and
// text; nothing here knows what an agenda or an indicator is.
#pragma once

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "image/image.h"
#include "model/source_text.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::layout {

struct InlineRun {
  std::string text;
  const text::FontChain* chain = nullptr;
  double size = 10.5;  // pt
  style::Color color{};
  std::optional<std::string> link;          // an anchor: the run links to its first page
  std::optional<std::string> uri;           // an external link
  double rise = 0;                          // pt above the baseline (superscripts), below when negative
  bool line_break = false;                  // a forced line break; `text` is empty
  bool unbreakable = false;                 // never split (a number and its unit: 1,390人)
  std::optional<std::size_t> footnote;      // its note (an index into the section's footnotes) goes to this page's foot
  // When set, the run prints the number of the page this anchor names, known
  // only once pages are laid out; `text` reserves its width (888).
  std::string page_ref;
  std::optional<model::SourceText> origin;  // set when `text` is this source text verbatim
};

struct ParagraphBox {
  std::vector<InlineRun> runs;
  style::Style style;
  // When set: a dot leader, then these runs flush right on the last line.
  std::vector<InlineRun> leader_tail;
  // Continuation lines start after the first run (a list mark, ※, a number),
  // in addition to the style's hang.
  bool hang_after_first_run = false;
  // A heading: never the last thing on a page, and an outline entry at this
  // level under its document (0: neither).
  int heading_level = 0;
  // Kept on the page with the start of what follows, like a heading, while
  // it is set in one line, and no outline entry: a paragraph wholly in bold
  // (a run-in heading) or the lead of a list (主な成果).
  bool keep_with_next = false;
  // A named destination at the page the paragraph starts on (a TOC's target).
  std::string anchor;
  // The heading's outline title when it should differ from its text.
  std::string bookmark;
  // A heading at this level in the logical structure only, when
  // heading_level is 0: a document's title (1), a contents page's (2).
  int structure_heading = 0;
};

// A table column's width as the layout set or the packet wrote it.
struct ColumnSpec {
  enum class Kind { fixed, percent, proportional, automatic };
  Kind kind = Kind::automatic;
  // fixed: pt; percent: of the table's available width (0–100);
  // proportional: the column's share of what is left (`*` is 1, `2*` is 2).
  double value = 0;
};

enum class BorderStyle { solid, double_line, dotted };

// One side of a cell's border; a width of 0 draws nothing.
struct Border {
  double width = 0;  // pt; a double line's two strokes and gap together
  BorderStyle style = BorderStyle::solid;
  style::Color color{};
};

struct CellBorders {
  Border top, right, bottom, left;
};

struct CellPadding {
  double top = 0, right = 0, bottom = 0, left = 0;  // pt
};

enum class VerticalAlign { top, middle, bottom };

struct TableBox;

// A table inside a cell. The box tree is immutable once composed, so nested
// tables are shared rather than deep-copied.
struct NestedTable {
  std::shared_ptr<const TableBox> table;
  bool caption_above = false;  // the cell's block before it, a paragraph, is its caption (年次計画)
};

// A drawing across the cell's width: a line with an arrowhead at its end,
// as a plan's 年次計画 draws a step that runs on through later years' cells
// (the cell spans those columns).
struct Arrow {
  double height = 10;      // pt the drawing takes in the cell
  double rule_width = 0.8; // pt
  style::Color color{};
};

// An image in a cell (a figure in a <box> or a table cell), centred; it is
// never split. Its drawn width is `percent` of the cell's inner width when
// that is set, else `width`, and never more than the inner width; the
// height follows by `aspect`, at most `max_height`.
struct CellImage {
  std::shared_ptr<const image::Image> image;
  double width = 0, height = 0;  // pt, as asked (height = width × aspect)
  double percent = 0;
  double aspect = 1;             // height over width
  double max_height = 0;         // pt; 0: no limit (a page's room, when set)
  std::size_t source_offset = 0;  // of its <figure>, for warnings
  // Its file as the packet names it and the offset of its `src`, for the
  // warning of a photo drawn below 150 dpi at the cell's width; empty when
  // compose has judged it already (a figure framed in a <box>).
  std::string src;
  std::size_t src_offset = 0;
  // What a screen reader reads for the image; empty: its caption's text.
  std::string alt;
  bool captioned = false;  // the cell's next block, a paragraph, is its caption

  // The size drawn in a cell whose content is `inner` pt wide.
  std::pair<double, double> drawn(double inner) const {
    double w = percent > 0 ? inner * percent / 100 : std::min(width, inner);
    double h = w * aspect;
    if (max_height > 0 && h > max_height) {
      h = max_height;
      w = h / aspect;
    }
    return {w, h};
  }
};

using CellBlock = std::variant<ParagraphBox, NestedTable, Arrow, CellImage>;

struct TableCell {
  std::vector<CellBlock> blocks;  // the cell's content, top to bottom
  std::size_t colspan = 1;
  std::size_t rowspan = 1;        // rows of its own section (header, body or footer)
  CellPadding padding;
  CellBorders borders;
  std::optional<style::Color> fill;
  // When set, overrides the alignment of the cell's paragraphs.
  std::optional<style::Align> align;
  VerticalAlign valign = VerticalAlign::top;  // a cell split over regions is set from its top
  // Whether the cell names its rows (分類, 計画名, 成果指標): where the rows
  // continue in the next region after the cell's content has ended, the cell
  // is drawn again there. Unset, a body cell spanning rows or in the first
  // column does; compose says false for content that spans rows (an item's
  // measures, a year's plan), which is no label.
  std::optional<bool> labels_rows;
  // The cell heads its row in a body row (a 分類, an indicator's name, a
  // <th>): in the logical structure a TH with /Scope /Row, not a TD.
  bool heads_row = false;
};

// Cells in source order; a position covered by a rowspan from above or a
// colspan from the left has no cell of its own (as in HTML).
struct TableRow {
  std::vector<TableCell> cells;
  // The row belongs with the one above (an indicator's reason under its
  // name): a region ends above or below the two, not between them, unless
  // they do not fit an empty region.
  bool keep_with_previous = false;
};

struct TableBox {
  std::vector<ColumnSpec> columns;
  std::vector<TableRow> header;  // laid again at the top of every region the table continues in
  std::vector<TableRow> body;
  std::vector<TableRow> footer;  // laid at the bottom of every region that holds body rows
  // When set, printed above the repeated header where the table continues (（続き）).
  std::optional<ParagraphBox> continued_mark;
  // When set, added after the text of a cell drawn again where its rows
  // continue (（続き）), in that text's font and size.
  std::optional<std::string> continued_label;
  std::optional<std::size_t> source_offset;  // of the table in the packet, for warnings
  // What sets the columns' widths when the packet does not ("the layout
  // set's lengths …"), named when the table is wider than its room.
  std::string widths_from;
  double space_after = 0;  // pt
  // A named destination at the page the table starts on, and an outline
  // entry there at `bookmark_level` under its document (0: none).
  std::string anchor;
  std::string bookmark;
  int bookmark_level = 0;
  // When set, the table should fit one page (a plan sheet): if it needs
  // more, layout records this warning at `source_offset`.
  std::optional<std::string> split_warning;
  // The header rows say what the table is about rather than head its
  // columns (a plan sheet's goal and area band): one Caption of the table
  // in the logical structure, not a THead.
  bool header_is_caption = false;
};

// Ends the page; the next block starts a new one.
struct PageBreak {};

// A box of a Diagram, centred on the rows it stands for.
struct DiagramBox {
  double x = 0, width = 0;              // pt from the diagram's left edge
  std::size_t first_row = 0, rows = 1;  // the rows it stands for
  // true: as tall as its rows (less the row gap); false: as tall as its text
  // needs, at least one row's box.
  bool fills_rows = false;
  // Laid at the width less the padding, one under the other, centred
  // vertically as a block.
  std::vector<ParagraphBox> paragraphs;
  double padding = 0;     // pt inside the border on every side
  double rule_width = 0;  // pt, the border on every side; 0 draws none
  style::Color rule_color{};
  std::optional<style::Color> fill;
};

// An elbow connector: from the middle of box `from`'s right edge to a
// vertical spine at `spine_x`, which branches to the middle of the left edge
// of each box in `to`.
struct DiagramConnector {
  std::size_t from = 0;
  std::vector<std::size_t> to;  // indices into the diagram's boxes
  double spine_x = 0;           // pt from the diagram's left edge
  double width = 0.5;           // pt
  style::Color color{};
};

// A fixed drawing on a grid of equal rows: columns of boxes joined by elbow
// connectors, a tree drawn left to right (a plan's 体系図). Compose gives the
// horizontal geometry; layout chooses the rows' height: what the page has
// left, shared by the rows, up to `row_height_max`, and never less than the
// tallest text needs (layout/diagram.h).
struct Diagram {
  double width = 0;           // pt
  std::size_t rows = 0;
  double row_height_max = 0;  // pt
  double row_gap = 0;         // pt between the boxes of neighbouring rows
  std::vector<DiagramBox> boxes;
  std::vector<DiagramConnector> connectors;
  std::optional<std::size_t> source_offset;  // of the view in the packet, for warnings
  double space_after = 0;     // pt
};

// A figure: an image at the size it is drawn, centred in the text width,
// with its caption under it. The two are one unit: they move to the next page
// together when they do not fit, and nothing later fills the space left.
struct Figure {
  std::shared_ptr<const image::Image> image;
  double width = 0, height = 0;  // pt, as drawn
  std::optional<ParagraphBox> caption;
  std::string alt;  // what a screen reader reads for the image; empty: the caption's text
  double space_before = 0, space_after = 0;  // pt
  std::size_t source_offset = 0;             // of the <figure>, for warnings
};

using Block = std::variant<ParagraphBox, TableBox, PageBreak, Diagram, Figure>;

struct LabelBox {
  InlineRun text;
  style::Style style;
};

struct PageNumbers {
  bool printed = false;
  bool restart = true;  // false: continue from the previous numbered section
  int first = 1;
  InlineRun format;     // `{}` stands for the number
  style::Style style;
};

// A run of pages with one page master: the agenda, the roster, a document.
struct Section {
  style::PageMaster page;
  std::vector<Block> blocks;
  std::optional<LabelBox> label;  // boxed, at the top right of the first page
  std::string bookmark;
  std::string anchor;            // link target naming the first page
  std::string page_label;        // PDF page label (prefix before the number, if any)
  PageNumbers numbers;
  std::vector<ParagraphBox> footnotes;  // notes set at the foot of the page that refers to them
  double footnote_gap = 0;              // pt between the body and the notes, with a short rule in it
  // In the logical structure: the section's headings stand this many levels
  // below their own (a document's <h1> under its title's H1), and a part's
  // Sect goes inside its document's, the section before, its headings
  // continuing that section's levels.
  int heading_shift = 0;
  bool part_of_previous = false;
};

struct BoxTree {
  std::vector<Section> sections;
};

}  // namespace shiryo::layout
