// The box tree: what compose hands to layout. Blocks carry their styles and
// text; nothing here knows what an agenda or an indicator is.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

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
};

struct TableCell {
  std::vector<ParagraphBox> paragraphs;
  std::size_t colspan = 1;
  style::Style style;  // padding, fill, rule width
};

struct TableRow {
  std::vector<TableCell> cells;
};

struct TableBox {
  std::vector<double> column_widths;  // pt
  std::vector<TableRow> rows;
  std::size_t header_rows = 0;  // repeated at the top of each page the table continues on
  double space_after = 0;       // pt
};

// Ends the page; the next block starts a new one.
struct PageBreak {};

using Block = std::variant<ParagraphBox, TableBox, PageBreak>;

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
};

struct BoxTree {
  std::vector<Section> sections;
};

}  // namespace shiryo::layout
