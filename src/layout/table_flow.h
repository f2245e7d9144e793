// Tables laid into regions (architecture.md, "Layout is resumable"): column
// widths are computed once per table; each call lays rows into one region and
// returns what fit plus a break token the next region resumes from. Rows that
// do not fit split at line boundaries, every cell resuming from its own line;
// header rows repeat at the top of every continuation.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "layout/box.h"
#include "layout/fragment.h"
#include "layout/paragraph.h"

namespace shiryo::layout {

// The room a table is laid into: what is left of a page body.
struct Region {
  double width = 0;   // pt; the columns keep the widths the flow was made with
  double height = 0;  // pt
  // Nothing stands above the region on its page: the table must place some
  // of its body here, since a new page would not have more room.
  bool top_of_page = false;
  // The height this region would have on an empty page (0: `height`); a
  // rowspan group that fits there moves whole instead of splitting.
  double empty_height = 0;
};

enum class TableSection { header, body, footer };

// One cell's piece in a fragment: where its box is and which of its slices
// (lines, bands of nested tables) it shows. For tagging, drawing checks and tests.
struct CellFragment {
  TableSection section = TableSection::body;
  std::size_t row = 0;     // the cell's first row in its section
  std::size_t cell = 0;    // its index in that row's cells
  std::size_t column = 0;  // its first grid column
  double x = 0, y = 0, width = 0, height = 0;  // its box, from the fragment's top left
  std::size_t first_slice = 0, end_slice = 0;  // slices shown here: [first, end)
  std::size_t slice_count = 0;                 // slices of the whole cell
  std::size_t first_run = 0, end_run = 0;      // the fragment's glyph runs drawn for it
  std::size_t first_image = 0, end_image = 0;  // the fragment's images drawn for it
  // In a cell that holds a figure or a table: the runs and images of each of its
  // blocks shown here, in order, so that each block is tagged on its own
  // (a paragraph, the figure, its caption).
  struct BlockPiece {
    std::size_t block = 0;  // an index into the cell's blocks
    std::size_t first_run = 0, end_run = 0, first_image = 0, end_image = 0;
  };
  std::vector<BlockPiece> blocks;
  // The cells of tables inside this one shown here, their runs and images
  // counted in the fragment, each with the block of this cell its table is.
  std::vector<CellFragment> nested;
  std::size_t in_block = 0;
  // The cell's label drawn again where its rows continue: its slices are
  // those of the label with the continued word, not more of the cell.
  bool repeated = false;
};

// What one region received, from the region's top left, y downward.
struct TableFragment {
  double width = 0, height = 0;
  std::vector<Fill> fills;
  std::vector<Rule> rules;
  std::vector<GlyphRun> runs;
  std::vector<LinkArea> links;
  std::vector<PlacedImage> images;
  std::vector<CellFragment> cells;
  // Footnotes the fragment's lines refer to, in drawing order: their notes
  // belong at the foot of the page the fragment is drawn on, each referred
  // to from the element of the run `run` (the first of its mark's line).
  struct FootnoteRef {
    std::size_t note = 0;  // an index into the section's footnotes
    std::size_t run = 0;   // an index into `runs`
  };
  std::vector<FootnoteRef> footnotes;
  bool holds_body = false;  // false: nothing was placed, the region was too short
};

// Where the next region resumes.
struct TableBreakToken {
  struct CellResume {
    std::size_t cell = 0;        // index among the body's cells, in row order
    std::size_t next_slice = 0;  // the first slice the next region shows
  };
  std::size_t row = 0;   // the first body row not finished
  bool started = false;  // some of the body was placed: the next region is a continuation
  std::vector<CellResume> cells;  // body cells split at `row`, spanning it or in it
};

struct TableLayoutResult {
  TableFragment fragment;
  std::unique_ptr<TableBreakToken> resume;  // null when the table is done
};

class TableFlow {
 public:
  // Computes the column widths for `available_width` and warns (at the
  // table's source offset) of columns narrower than their longest
  // unbreakable text. `table` and `context` must outlive the flow.
  TableFlow(const TableBox& table, double available_width, TextContext& context);
  ~TableFlow();
  TableFlow(const TableFlow&) = delete;
  TableFlow& operator=(const TableFlow&) = delete;

  const std::vector<double>& column_widths() const;
  double width() const;  // the sum of the column widths

  // Lays the table into `region` from `resume_from` (null: the start).
  TableLayoutResult layout(const Region& region, const TableBreakToken* resume_from);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shiryo::layout
