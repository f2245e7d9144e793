// <document> content: generic blocks and views of plan data (plan-format.md §7).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/plan.h"
#include "model/rich_text.h"
#include "model/source_text.h"

namespace shiryo::model {

enum class Orientation { portrait, landscape };
enum class Numbering { restart, continue_on, none };

// A view of plan data: which one, and what it selects.
struct View {
  enum class Kind { results, results_detail, breakdown, plan_tree, plan_sheets, period_comparison };
  Kind kind = Kind::results;
  std::size_t offset = 0;
  std::optional<SourceText> plan, period, goal, part, indicator, from, to, columns;
  std::optional<FiscalYear> fy;
  bool unset_met = false;
  bool reasons = true;
  struct Expectation {
    int value = 0;
    std::size_t offset = 0;
  };
  std::optional<Expectation> expect_set, expect_met, expect_unmet, expect_pending;

  std::string element() const;
};

enum class CellAlign { unspecified, left, center, right };
enum class CellVAlign { unspecified, top, middle, bottom };

struct Block;

struct TableCell {
  std::size_t offset = 0;
  bool header = false;
  int rowspan = 1;
  int colspan = 1;
  CellAlign align = CellAlign::unspecified;
  CellVAlign valign = CellVAlign::unspecified;
  RichText text;
  // A cell that holds <figure> elements holds nothing else: its figures,
  // in order, and no text.
  std::vector<Block> figures;
};

struct TableRow {
  std::size_t offset = 0;
  std::vector<TableCell> cells;
};

struct Table {
  std::vector<SourceText> column_widths;  // as written: 20%, 30mm, *
  std::vector<TableRow> head;
  std::vector<TableRow> body;
};

struct Block {
  enum class Kind { heading, paragraph, list, note, box, table, page_break, toc, figure, view };
  Kind kind = Kind::paragraph;
  std::size_t offset = 0;
  int level = 0;                 // heading: 1, 2, 3
  RichText text;                 // heading, paragraph, note
  CellAlign align = CellAlign::unspecified;  // paragraph: align="left|center|right" (an extension)
  bool ordered = false;          // list
  std::optional<SourceText> mark;   // list
  std::vector<RichText> items;   // list
  std::vector<Block> children;   // box
  std::optional<Table> table;
  std::optional<View> view;
  std::optional<SourceText> title;  // toc: title="" omits the heading
  std::optional<SourceText> src;    // figure
  std::optional<SourceText> width;  // figure: a percentage of the text width or a length
  std::optional<SourceText> height; // figure: a length
  std::optional<SourceText> alt;    // figure: what a screen reader reads
  std::optional<SourceText> page;   // figure: a PDF's page, from 1
  std::optional<RichText> caption;  // figure
};

struct DocumentPart {
  std::size_t offset = 0;
  std::optional<SourceText> id;
  std::optional<Orientation> orientation;
  std::vector<Block> blocks;
};

struct Document {
  std::size_t offset = 0;
  SourceText id;
  std::optional<SourceText> label;
  SourceText title;
  Orientation orientation = Orientation::portrait;
  Numbering numbering = Numbering::restart;
  int first_number = 1;
  std::optional<SourceText> number_from;
  std::vector<Block> blocks;
  std::vector<DocumentPart> parts;
};

}  // namespace shiryo::model
