// layout/table_flow: column widths of each kind, and fragmentation checked on
// the fragment tree (split lines, rowspan groups, repeated headers, cells
// taller than pages, glyphs inside their cells). Uses the BIZ UD fonts the
// project's setup installs.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mincho_test.h"
#include "diag/source_file.h"
#include "layout/table_flow.h"

namespace shiryo::layout {
namespace {

constexpr double kSize = 10;                // pt: one em of the test text
constexpr double kLine = 1.5 * kSize;       // each line's height

class TableFlowTest : public testing::MinchoTest {
 protected:

  InlineRun run(const std::string& text) const {
    InlineRun r;
    r.text = text;
    r.chain = &chain_;
    r.size = kSize;
    return r;
  }

  // A paragraph of `texts`, one line each (forced breaks between them).
  ParagraphBox lines(const std::vector<std::string>& texts) const {
    ParagraphBox p;
    p.style.size = kSize;
    p.style.line_height = 1.5;
    for (std::size_t i = 0; i < texts.size(); ++i) {
      if (i > 0) {
        InlineRun br = run("");
        br.line_break = true;
        p.runs.push_back(br);
      }
      p.runs.push_back(run(texts[i]));
    }
    return p;
  }

  // `n` lines named `name`1 … `name`n.
  ParagraphBox numbered(const std::string& name, std::size_t n) const {
    std::vector<std::string> texts;
    for (std::size_t i = 1; i <= n; ++i) texts.push_back(name + std::to_string(i));
    return lines(texts);
  }

  TableCell cell(ParagraphBox p, std::size_t rowspan = 1, std::size_t colspan = 1) const {
    TableCell c;
    c.blocks.emplace_back(std::move(p));
    c.rowspan = rowspan;
    c.colspan = colspan;
    const Border rule{0.5, BorderStyle::solid, {}};
    c.borders = {rule, rule, rule, rule};
    return c;
  }

  static TableBox fixed_columns(std::vector<double> widths) {
    TableBox t;
    for (double w : widths) t.columns.push_back({ColumnSpec::Kind::fixed, w});
    return t;
  }

  // Lays the whole table into regions of `height` (the first one `first`
  // high and not at the top of its page when `first` > 0).
  std::vector<TableFragment> flow(const TableBox& table, double height, double first = 0,
                                  double width = 1000) {
    TableFlow f(table, width, context_);
    std::vector<TableFragment> out;
    std::unique_ptr<TableBreakToken> token;
    for (int guard = 0; guard < 1000; ++guard) {
      const bool top = out.empty() ? first <= 0 : true;
      const Region region{width, out.empty() && first > 0 ? first : height, top, height};
      TableLayoutResult r = f.layout(region, token.get());
      out.push_back(std::move(r.fragment));
      if (!r.resume) break;
      token = std::move(r.resume);
    }
    return out;
  }

  static std::string text_of(const TableFragment& f, const CellFragment& c) {
    std::string out;
    for (std::size_t i = c.first_run; i < c.end_run; ++i) out += f.runs[i].text + "|";
    return out;
  }

  static const CellFragment* find(const TableFragment& f, TableSection section, std::size_t row, std::size_t index) {
    for (const auto& c : f.cells) {
      if (c.section == section && c.row == row && c.cell == index) return &c;
    }
    return nullptr;
  }

  // Every glyph of every cell lies inside the cell's box, and every run but
  // `outside` (a continuation mark) belongs to one cell.
  static void expect_glyphs_inside(const TableFragment& f, std::size_t outside = 0) {
    std::size_t runs = 0;
    for (const auto& c : f.cells) {
      runs += c.end_run - c.first_run;
      for (std::size_t i = c.first_run; i < c.end_run; ++i) {
        const GlyphRun& run = f.runs[i];
        for (const auto& g : run.glyphs) {
          const double left = run.x + g.x;
          const double right = left + run.font->advance(g.glyph) * run.size / run.font->units_per_em();
          EXPECT_GE(left, c.x - 1e-6) << run.text;
          EXPECT_LE(right, c.x + c.width + 1e-6) << run.text;
          EXPECT_GE(run.y - run.size * 0.88, c.y - 1e-6) << run.text;
          EXPECT_LE(run.y + run.size * 0.12, c.y + c.height + 1e-6) << run.text;
        }
      }
    }
    EXPECT_EQ(runs + outside, f.runs.size());
  }

  // Each cell's slices appear once over the fragments, in order, and the
  // cells of the body cover them all; a label drawn again where its rows
  // continue is not more of its cell.
  static void expect_each_slice_once(const std::vector<TableFragment>& fragments) {
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> next;  // (row, cell) → next slice
    std::map<std::pair<std::size_t, std::size_t>, std::size_t> count;
    for (const auto& f : fragments) {
      for (const auto& c : f.cells) {
        if (c.section != TableSection::body || c.repeated) continue;
        auto& n = next[{c.row, c.cell}];
        EXPECT_EQ(c.first_slice, n) << "row " << c.row << " cell " << c.cell;
        n = c.end_slice;
        count[{c.row, c.cell}] = c.slice_count;
      }
    }
    for (const auto& [key, n] : count) EXPECT_EQ(next[key], n) << "row " << key.first << " cell " << key.second;
  }

  diag::Diagnostics diags_;
  TextContext context_{diags_, std::make_shared<diag::SourceFile>("t.xml", std::string(200, ' '))};
};


// ---- Column widths ----

TEST_F(TableFlowTest, FixedPercentAndProportionalColumns) {
  TableBox t;
  t.columns = {{ColumnSpec::Kind::fixed, 50},
               {ColumnSpec::Kind::percent, 20},
               {ColumnSpec::Kind::proportional, 1},
               {ColumnSpec::Kind::proportional, 2}};
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あ"})), cell(lines({"あ"})), cell(lines({"あ"}))}});
  TableFlow f(t, 500, context_);
  ASSERT_EQ(f.column_widths().size(), 4u);
  EXPECT_DOUBLE_EQ(f.column_widths()[0], 50);
  EXPECT_DOUBLE_EQ(f.column_widths()[1], 100);
  EXPECT_NEAR(f.column_widths()[2], 350.0 / 3, 1e-9);
  EXPECT_NEAR(f.column_widths()[3], 700.0 / 3, 1e-9);
  EXPECT_NEAR(f.width(), 500, 1e-9);
}

TEST_F(TableFlowTest, AutoColumnsTakeMaxContentBesideAStar) {
  TableBox t;
  t.columns = {{ColumnSpec::Kind::automatic, 0}, {ColumnSpec::Kind::automatic, 0},
               {ColumnSpec::Kind::proportional, 1}};
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あいうえお"})), cell(lines({"か"}))}});
  TableFlow f(t, 1000, context_);
  EXPECT_NEAR(f.column_widths()[0], 10, 1e-6);
  EXPECT_NEAR(f.column_widths()[1], 50, 1e-6);
  EXPECT_NEAR(f.column_widths()[2], 940, 1e-6);
}

TEST_F(TableFlowTest, AutoColumnsStretchLikeTheirContent) {
  TableBox t;
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あいうえお"}))}});
  TableFlow f(t, 600, context_);
  EXPECT_NEAR(f.column_widths()[0], 100, 1e-6);  // 10:50 of 600
  EXPECT_NEAR(f.column_widths()[1], 500, 1e-6);
}

TEST_F(TableFlowTest, AutoColumnsBetweenMinAndMaxContent) {
  // Min content is one character (10pt) in each; max 10 and 50. 40pt gives
  // the second column half of its range.
  TableBox t;
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あいうえお"}))}});
  TableFlow f(t, 40, context_);
  EXPECT_NEAR(f.column_widths()[0], 10, 1e-6);
  EXPECT_NEAR(f.column_widths()[1], 30, 1e-6);
}

TEST_F(TableFlowTest, PaddingCountsInAutoWidths) {
  TableBox t;
  t.columns = {{ColumnSpec::Kind::automatic, 0}, {ColumnSpec::Kind::proportional, 1}};
  TableCell padded = cell(lines({"あいう"}));
  padded.padding = {2, 4, 2, 6};
  t.body.push_back(TableRow{{padded, cell(lines({"か"}))}});
  TableFlow f(t, 200, context_);
  EXPECT_NEAR(f.column_widths()[0], 40, 1e-6);
}

TEST_F(TableFlowTest, SpanningCellWidensItsAutoColumns) {
  TableBox t;
  t.columns = {{ColumnSpec::Kind::automatic, 0}, {ColumnSpec::Kind::automatic, 0},
               {ColumnSpec::Kind::proportional, 1}};
  t.body.push_back(TableRow{{cell(lines({"あいうえおかきくけこ"}), 1, 2), cell(lines({"さ"}))}});
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あ"})), cell(lines({"さ"}))}});
  TableFlow f(t, 1000, context_);
  EXPECT_NEAR(f.column_widths()[0] + f.column_widths()[1], 100, 1e-6);
  EXPECT_NEAR(f.column_widths()[0], f.column_widths()[1], 1e-6);
}

TEST_F(TableFlowTest, NarrowColumnWarnsAtTheTable) {
  TableBox t = fixed_columns({15, 100});
  t.source_offset = 42;
  t.body.push_back(TableRow{{cell(lines({"ABCDEFGH"})), cell(lines({"あ"}))}});
  TableFlow f(t, 200, context_);
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_EQ(diags_.items()[0].severity, diag::Severity::warning);
  EXPECT_EQ(diags_.items()[0].offset, 42u);
  EXPECT_NE(diags_.items()[0].message.find("column 1"), std::string::npos) << diags_.items()[0].message;
  EXPECT_NE(diags_.items()[0].message.find("ABCDEFGH"), std::string::npos) << diags_.items()[0].message;
}

TEST_F(TableFlowTest, TableWiderThanItsRegionWarns) {
  TableBox t = fixed_columns({120, 100});
  t.body.push_back(TableRow{{cell(lines({"あ"})), cell(lines({"あ"}))}});
  TableFlow f(t, 200, context_);
  ASSERT_EQ(diags_.items().size(), 1u);
  EXPECT_NE(diags_.items()[0].message.find("20.0pt wider"), std::string::npos) << diags_.items()[0].message;
}

TEST_F(TableFlowTest, NarrowFixedColumnsGrowToTheirFiguresFromTheFlexibleOnes) {
  // 「100.0%」 is 30pt of half-width digits, 34pt with the padding: the 30pt
  // columns grow to hold it whole, the * column gives the width.
  TableBox t;
  t.columns = {{ColumnSpec::Kind::fixed, 30}, {ColumnSpec::Kind::fixed, 30}, {ColumnSpec::Kind::proportional, 1}};
  for (int i = 0; i < 5; ++i) {
    TableCell a = cell(lines({"100.0%"})), b = cell(lines({"62.6%"})), c = cell(lines({"あいう"}));
    for (TableCell* p : {&a, &b, &c}) p->padding = {0, 2, 0, 2};
    t.body.push_back(TableRow{{a, b, c}});
  }
  TableFlow f(t, 300, context_);
  EXPECT_TRUE(diags_.empty()) << diags_.items().front().message;
  EXPECT_NEAR(f.column_widths()[0], 34, 1e-6);
  EXPECT_NEAR(f.column_widths()[1], 30, 1e-6);  // 「62.6%」 fits its 30pt
  EXPECT_NEAR(f.width(), 300, 1e-6);
  const auto fragments = flow(t, 1000);
  ASSERT_EQ(fragments.size(), 1u);
  for (const auto& c : fragments[0].cells) {
    EXPECT_EQ(c.end_slice - c.first_slice, 1u) << text_of(fragments[0], c);  // one line: never broken
  }
}

TEST_F(TableFlowTest, AnUnbreakableRunWithItsWaOuGlueWidensItsFixedColumn) {
  // 「令和5年度」 marked unbreakable is one unit: four ems, a half-width 5
  // and the 和欧間 on each side of it, 47.5pt at 10pt. The 20pt column grows
  // to hold it on one line (its edges are no last resort), glue included.
  TableBox t;
  t.columns = {{ColumnSpec::Kind::fixed, 20}, {ColumnSpec::Kind::proportional, 1}};
  ParagraphBox year = lines({"令和5年度"});
  year.runs.front().unbreakable = true;
  t.body.push_back(TableRow{{cell(year), cell(lines({"あいう"}))}});
  TableFlow f(t, 300, context_);
  EXPECT_TRUE(diags_.empty()) << diags_.items().front().message;
  EXPECT_NEAR(f.column_widths()[0], 4 * kSize + kSize / 2 + 2 * kSize / 4, 0.5);
  const auto fragments = flow(t, 1000);
  ASSERT_EQ(fragments.size(), 1u);
  for (const auto& c : fragments[0].cells) {
    EXPECT_EQ(c.end_slice - c.first_slice, 1u) << text_of(fragments[0], c);
  }
}

TEST_F(TableFlowTest, FiguresTooWideForTheWholeTableWarnOncePerColumn) {
  // The * column has no width to give: both fixed columns stay too narrow.
  TableBox t;
  t.columns = {{ColumnSpec::Kind::fixed, 20}, {ColumnSpec::Kind::fixed, 20}, {ColumnSpec::Kind::proportional, 1}};
  for (int i = 0; i < 5; ++i) {
    t.body.push_back(TableRow{{cell(lines({"100.0%"})), cell(lines({"100.0%"})), cell(lines({"あ"}))}});
  }
  TableFlow f(t, 50, context_);
  EXPECT_NEAR(f.column_widths()[0], 20, 1e-6);
  std::size_t narrow = 0;
  for (const auto& d : diags_.items()) narrow += d.message.find("narrower than the text") != std::string::npos;
  EXPECT_EQ(narrow, 2u);
}

TEST_F(TableFlowTest, WideEnoughColumnsDoNotWarn) {
  TableBox t = fixed_columns({100});
  t.body.push_back(TableRow{{cell(lines({"ABCDEFGH あいうえお"}))}});
  TableFlow f(t, 200, context_);
  EXPECT_TRUE(diags_.empty());
}

// ---- Fragmentation ----

TEST_F(TableFlowTest, RowSplitsAtAKnownLine) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("a", 10)), cell(numbered("b", 3))}});
  // 4 lines of 15pt fit in 62pt, more than a quarter of an empty region
  // (200pt): the row splits rather than leave that much blank.
  const auto fragments = flow(t, 200, 62);
  ASSERT_EQ(fragments.size(), 2u);
  const CellFragment* a1 = find(fragments[0], TableSection::body, 0, 0);
  const CellFragment* b1 = find(fragments[0], TableSection::body, 0, 1);
  ASSERT_TRUE(a1 && b1);
  EXPECT_EQ(a1->first_slice, 0u);
  EXPECT_EQ(a1->end_slice, 4u);
  EXPECT_EQ(b1->end_slice, 3u);
  EXPECT_EQ(text_of(fragments[0], *a1), "a1|a2|a3|a4|");
  // Both cells end at the same y, at the last line that fit.
  EXPECT_DOUBLE_EQ(a1->y + a1->height, 4 * kLine);
  EXPECT_DOUBLE_EQ(b1->y + b1->height, 4 * kLine);
  EXPECT_DOUBLE_EQ(fragments[0].height, 4 * kLine);
  const CellFragment* a2 = find(fragments[1], TableSection::body, 0, 0);
  ASSERT_TRUE(a2);
  EXPECT_EQ(a2->first_slice, 4u);
  EXPECT_EQ(a2->end_slice, 10u);
  EXPECT_EQ(text_of(fragments[1], *a2), "a5|a6|a7|a8|a9|a10|");
  const CellFragment* b2 = find(fragments[1], TableSection::body, 0, 1);
  ASSERT_TRUE(b2);  // the finished cell's box continues, empty
  EXPECT_EQ(b2->first_slice, 3u);
  EXPECT_EQ(b2->end_slice, 3u);
  EXPECT_DOUBLE_EQ(b2->height, a2->height);
  expect_each_slice_once(fragments);
  for (const auto& f : fragments) expect_glyphs_inside(f);
}

TEST_F(TableFlowTest, RowMovesWholeWhereLittleOfTheRegionIsLeft) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("a", 10)), cell(numbered("b", 3))}});
  // 62pt is left, less than a quarter of an empty region (1000pt) that holds
  // the whole row: nothing is placed here, the row starts the next region.
  const auto fragments = flow(t, 1000, 62);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_FALSE(fragments[0].holds_body);
  EXPECT_TRUE(fragments[0].cells.empty());
  const CellFragment* a = find(fragments[1], TableSection::body, 0, 0);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->first_slice, 0u);
  EXPECT_EQ(a->end_slice, 10u);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, NoSingleLineStrandedAtAFoot) {
  TableBox t = fixed_columns({100});
  t.body.push_back(TableRow{{cell(numbered("a", 2))}});
  t.body.push_back(TableRow{{cell(numbered("b", 5))}});
  // After row 0 (30pt), 20pt is left: one line of row 1 would stand alone.
  const auto fragments = flow(t, 1000, 50);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_EQ(find(fragments[0], TableSection::body, 1, 0), nullptr);
  EXPECT_EQ(find(fragments[1], TableSection::body, 1, 0)->first_slice, 0u);
}

TEST_F(TableFlowTest, NoSingleLineStrandedAtAHead) {
  TableBox t = fixed_columns({100});
  t.body.push_back(TableRow{{cell(numbered("a", 5))}});
  // Four lines fit, but the fifth would be alone: three go (more than a
  // quarter of an empty 160pt region, so the row splits), two follow.
  const auto fragments = flow(t, 160, 4 * kLine + 1);
  ASSERT_EQ(fragments.size(), 2u);
  const CellFragment* head = find(fragments[0], TableSection::body, 0, 0);
  const CellFragment* rest = find(fragments[1], TableSection::body, 0, 0);
  ASSERT_TRUE(head && rest);
  EXPECT_EQ(head->end_slice, 3u);
  EXPECT_EQ(rest->first_slice, 3u);
}

TEST_F(TableFlowTest, RowspanGroupMovesWhole) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("x", 1)), cell(numbered("y", 1))}});
  t.body.push_back(TableRow{{cell(numbered("g", 1), 2), cell(numbered("p", 2))}});
  t.body.push_back(TableRow{{cell(numbered("q", 2))}});
  // Row 0 (15pt) and a quarter of the group (60pt) fit; the group fits an empty region.
  const auto fragments = flow(t, 300, 30);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_NE(find(fragments[0], TableSection::body, 0, 0), nullptr);
  EXPECT_EQ(find(fragments[0], TableSection::body, 1, 0), nullptr);
  EXPECT_EQ(find(fragments[0], TableSection::body, 1, 1), nullptr);
  const CellFragment* g = find(fragments[1], TableSection::body, 1, 0);
  const CellFragment* q = find(fragments[1], TableSection::body, 2, 0);
  ASSERT_TRUE(g && q);
  EXPECT_DOUBLE_EQ(g->height, 4 * kLine);  // both rows of the group
  EXPECT_EQ(q->column, 1u);
  EXPECT_DOUBLE_EQ(q->y + q->height, g->y + g->height);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, RowspanGroupSplitsWhereWhatFitsIsAQuarterOfTheRegion) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("x", 1)), cell(numbered("y", 1))}});
  t.body.push_back(TableRow{{cell(numbered("g", 1), 2), cell(numbered("p", 2))}});
  t.body.push_back(TableRow{{cell(numbered("q", 2))}});
  // After row 0 (15pt), 55pt is left of the first region: less than the
  // group (60pt); g and p (30pt) fit, more than a quarter of an empty region
  // (100pt), so the group splits rather than leave that much blank.
  const auto fragments = flow(t, 100, 70);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_NE(find(fragments[0], TableSection::body, 1, 0), nullptr);
  EXPECT_NE(find(fragments[0], TableSection::body, 1, 1), nullptr);
  EXPECT_EQ(find(fragments[0], TableSection::body, 2, 0), nullptr);
  EXPECT_NE(find(fragments[1], TableSection::body, 2, 0), nullptr);
  // The spanning g names the rows: drawn again beside q.
  const CellFragment* g = find(fragments[1], TableSection::body, 1, 0);
  ASSERT_TRUE(g);
  EXPECT_TRUE(g->repeated);
  EXPECT_EQ(text_of(fragments[1], *g), "g1|");
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, RowspanGroupMovesWholeWhenWhatFitsIsLessThanAQuarter) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("g", 1), 2), cell(numbered("p", 1))}});
  t.body.push_back(TableRow{{cell(numbered("q", 4))}});
  // 70pt is left, more than a quarter of an empty region (200pt), but of q's
  // four lines two must go on (no widow): what fits here is p and two lines
  // of q, 45pt, less than a quarter. The group (75pt) moves whole.
  const auto fragments = flow(t, 200, 70);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_FALSE(fragments[0].holds_body);
  const CellFragment* q = find(fragments[1], TableSection::body, 1, 0);
  ASSERT_TRUE(q);
  EXPECT_EQ(q->first_slice, 0u);
  EXPECT_EQ(q->end_slice, 4u);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, LabelsOfAContinuedGroupAreDrawnAgain) {
  TableBox t = fixed_columns({100, 100, 100});
  t.continued_label = "（続き）";
  TableCell measures = cell(numbered("m", 1), 3);
  measures.labels_rows = false;  // content that spans the rows, no label
  t.body.push_back(TableRow{{cell(numbered("g", 1), 3), measures, cell(numbered("p", 6))}});
  t.body.push_back(TableRow{{cell(numbered("q", 6))}});
  t.body.push_back(TableRow{{cell(numbered("r", 6))}});
  // 18 lines; every region holds 8.
  const auto fragments = flow(t, 8 * kLine);
  ASSERT_GE(fragments.size(), 3u);
  const CellFragment* first = find(fragments[0], TableSection::body, 0, 0);
  ASSERT_TRUE(first);
  EXPECT_FALSE(first->repeated);
  for (std::size_t i = 1; i < fragments.size(); ++i) {
    SCOPED_TRACE("fragment " + std::to_string(i));
    const TableFragment& f = fragments[i];
    const CellFragment* g = find(f, TableSection::body, 0, 0);
    const CellFragment* m = find(f, TableSection::body, 0, 1);
    ASSERT_TRUE(g && m);
    EXPECT_TRUE(g->repeated);
    EXPECT_DOUBLE_EQ(g->y, 0);
    EXPECT_EQ(text_of(f, *g).rfind("g1", 0), 0u) << text_of(f, *g);
    EXPECT_NE(text_of(f, *g).find("（続き）"), std::string::npos) << text_of(f, *g);
    // The measures' box continues empty beside it: their text is not doubled.
    EXPECT_FALSE(m->repeated);
    EXPECT_EQ(m->first_slice, m->end_slice);
    EXPECT_EQ(m->end_run, m->first_run);
    expect_glyphs_inside(f);
  }
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, RowsKeptWithTheRowAboveStartTheNextRegionWithIt) {
  TableBox t = fixed_columns({100, 100});
  auto kept = [](TableRow row) {
    row.keep_with_previous = true;
    return row;
  };
  t.body.push_back(TableRow{{cell(numbered("g", 1), 4), cell(numbered("n", 1))}});
  t.body.push_back(kept(TableRow{{cell(numbered("r", 3))}}));
  t.body.push_back(TableRow{{cell(numbered("m", 1))}});
  t.body.push_back(kept(TableRow{{cell(numbered("s", 3))}}));
  // 8 lines; regions hold 6. Above s would fit five, but s stays with m.
  const auto fragments = flow(t, 6 * kLine);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_NE(find(fragments[0], TableSection::body, 1, 0), nullptr);
  EXPECT_EQ(find(fragments[0], TableSection::body, 2, 0), nullptr);
  EXPECT_NE(find(fragments[1], TableSection::body, 2, 0), nullptr);
  EXPECT_NE(find(fragments[1], TableSection::body, 3, 0), nullptr);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, RowsKeptTogetherTallerThanARegionAreStillCut) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("n", 1))}});
  TableRow reason{{cell(numbered("r", 9))}};
  reason.keep_with_previous = true;
  t.body.push_back(std::move(reason));
  const auto fragments = flow(t, 6 * kLine);
  ASSERT_EQ(fragments.size(), 2u);
  EXPECT_NE(find(fragments[0], TableSection::body, 0, 0), nullptr);
  EXPECT_NE(find(fragments[0], TableSection::body, 1, 0), nullptr);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, RowspanGroupTallerThanARegionSplitsTogether) {
  TableBox t = fixed_columns({100, 100});
  t.body.push_back(TableRow{{cell(numbered("g", 12), 3), cell(numbered("p", 2))}});
  t.body.push_back(TableRow{{cell(numbered("q", 2))}});
  t.body.push_back(TableRow{{cell(numbered("r", 2))}});
  // The group needs 12 lines; regions hold 7.
  const auto fragments = flow(t, 7 * kLine);
  ASSERT_EQ(fragments.size(), 2u);
  const CellFragment* g1 = find(fragments[0], TableSection::body, 0, 0);
  ASSERT_TRUE(g1);
  EXPECT_EQ(g1->first_slice, 0u);
  EXPECT_EQ(g1->end_slice, 7u);
  // Rows 0 to 2 of the other column: p and q whole, r cut above its lines or
  // through them, ending where g ends.
  const CellFragment* p = find(fragments[0], TableSection::body, 0, 1);
  const CellFragment* q = find(fragments[0], TableSection::body, 1, 0);
  ASSERT_TRUE(p && q);
  EXPECT_EQ(p->end_slice, 2u);
  EXPECT_EQ(q->end_slice, 2u);
  double bottom = 0;
  for (const auto& c : fragments[0].cells) bottom = std::max(bottom, c.y + c.height);
  EXPECT_DOUBLE_EQ(g1->y + g1->height, bottom);
  const CellFragment* g2 = find(fragments[1], TableSection::body, 0, 0);
  ASSERT_TRUE(g2);
  EXPECT_EQ(g2->first_slice, 7u);
  EXPECT_EQ(g2->end_slice, 12u);
  const CellFragment* r2 = find(fragments[1], TableSection::body, 2, 0);
  ASSERT_TRUE(r2);
  EXPECT_DOUBLE_EQ(r2->y + r2->height, g2->y + g2->height);
  expect_each_slice_once(fragments);
  for (const auto& f : fragments) expect_glyphs_inside(f);
}

TEST_F(TableFlowTest, HeaderOnEveryFragmentAndMarkOnContinuations) {
  TableBox t = fixed_columns({100, 200});
  t.header.push_back(TableRow{{cell(lines({"見出し"})), cell(lines({"内容"}))}});
  t.continued_mark = lines({"（続き）"});
  for (int i = 0; i < 40; ++i) {
    t.body.push_back(TableRow{{cell(numbered("r" + std::to_string(i) + "-", 1)), cell(numbered("c", 3))}});
  }
  const auto fragments = flow(t, 200);
  ASSERT_GE(fragments.size(), 5u);
  for (std::size_t i = 0; i < fragments.size(); ++i) {
    const TableFragment& f = fragments[i];
    const CellFragment* h = find(f, TableSection::header, 0, 0);
    ASSERT_TRUE(h) << "fragment " << i;
    EXPECT_EQ(text_of(f, *h), "見出し|");
    EXPECT_DOUBLE_EQ(h->y, i == 0 ? 0 : kLine) << "the mark stands above the repeated header";
    EXPECT_EQ(f.runs.front().text == "（続き）", i > 0) << "fragment " << i;
    EXPECT_LE(f.height, 200 + 1e-6);
    EXPECT_TRUE(f.holds_body);
    expect_glyphs_inside(f, i > 0 ? 1 : 0);
  }
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, HeaderNeverEndsARegionAlone) {
  TableBox t = fixed_columns({100});
  t.header.push_back(TableRow{{cell(lines({"見出し"}))}});
  t.body.push_back(TableRow{{cell(numbered("a", 3))}});
  TableFlow f(t, 100, context_);
  // Room for the header and one line: nothing is placed, the table waits.
  const TableLayoutResult r = f.layout(Region{100, 2 * kLine + 5, false, 500}, nullptr);
  EXPECT_FALSE(r.fragment.holds_body);
  EXPECT_DOUBLE_EQ(r.fragment.height, 0);
  EXPECT_TRUE(r.fragment.runs.empty());
  ASSERT_TRUE(r.resume);
  EXPECT_FALSE(r.resume->started);
  const TableLayoutResult next = f.layout(Region{100, 500, true, 500}, r.resume.get());
  EXPECT_FALSE(next.resume);
  EXPECT_EQ(next.fragment.cells.size(), 2u);
}

TEST_F(TableFlowTest, CellTallerThanThreePages) {
  TableBox t = fixed_columns({80, 120});
  t.continued_label = "（続き）";
  t.header.push_back(TableRow{{cell(lines({"分類"})), cell(lines({"取組状況"}))}});
  t.body.push_back(TableRow{{cell(numbered("s", 1)), cell(numbered("t", 2))}});
  t.body.push_back(TableRow{{cell(numbered("u", 2)), cell(numbered("v", 70))}});
  t.body.push_back(TableRow{{cell(numbered("w", 1)), cell(numbered("z", 1))}});
  const double page = 20 * kLine;  // the header and 19 lines
  const auto fragments = flow(t, page);
  ASSERT_GE(fragments.size(), 4u);
  std::string all;
  for (const auto& f : fragments) {
    EXPECT_LE(f.height, page + 1e-6);
    EXPECT_NE(find(f, TableSection::header, 0, 1), nullptr);
    if (const CellFragment* v = find(f, TableSection::body, 1, 1)) all += text_of(f, *v);
    // Every cell of the split row ends at the same y.
    const CellFragment* u = find(f, TableSection::body, 1, 0);
    const CellFragment* v = find(f, TableSection::body, 1, 1);
    if (u && v) {
      EXPECT_DOUBLE_EQ(u->y + u->height, v->y + v->height);
      // u heads the row in the first column: where v continues, u is drawn
      // again above the rest of v.
      EXPECT_EQ(u->repeated, v->first_slice > 0);
      if (u->repeated) {
        EXPECT_EQ(text_of(f, *u).rfind("u1|u2", 0), 0u) << text_of(f, *u);
        EXPECT_NE(text_of(f, *u).find("（続き）"), std::string::npos) << text_of(f, *u);
      }
    }
    expect_glyphs_inside(f);
  }
  std::string expected;
  for (int i = 1; i <= 70; ++i) expected += "v" + std::to_string(i) + "|";
  EXPECT_EQ(all, expected);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, LayingFromTheSameTokenTwiceGivesTheSameFragment) {
  TableBox t = fixed_columns({100, 100});
  t.header.push_back(TableRow{{cell(lines({"見出し"})), cell(lines({"内容"}))}});
  for (int i = 0; i < 6; ++i) t.body.push_back(TableRow{{cell(numbered("a", 3)), cell(numbered("b", 5))}});
  TableFlow f(t, 200, context_);
  const Region region{200, 8 * kLine, true, 8 * kLine};
  const TableLayoutResult first = f.layout(region, nullptr);
  ASSERT_TRUE(first.resume);
  const TableLayoutResult once = f.layout(region, first.resume.get());
  const TableLayoutResult again = f.layout(region, first.resume.get());
  ASSERT_EQ(once.fragment.runs.size(), again.fragment.runs.size());
  for (std::size_t i = 0; i < once.fragment.runs.size(); ++i) {
    EXPECT_EQ(once.fragment.runs[i].text, again.fragment.runs[i].text);
    EXPECT_DOUBLE_EQ(once.fragment.runs[i].y, again.fragment.runs[i].y);
  }
  EXPECT_DOUBLE_EQ(once.fragment.height, again.fragment.height);
}

TEST_F(TableFlowTest, LineTallerThanAnEmptyRegionStillMakesProgress) {
  TableBox t = fixed_columns({100});
  t.body.push_back(TableRow{{cell(numbered("a", 3))}});
  const auto fragments = flow(t, 10);  // less than one line
  EXPECT_EQ(fragments.size(), 3u);
  expect_each_slice_once(fragments);
}

TEST_F(TableFlowTest, HeaderOnlyTableIsDoneInOneRegion) {
  TableBox t = fixed_columns({100});
  t.header.push_back(TableRow{{cell(lines({"見出し"}))}});
  TableFlow f(t, 100, context_);
  const TableLayoutResult r = f.layout(Region{100, 100, false, 500}, nullptr);
  EXPECT_FALSE(r.resume);
  EXPECT_DOUBLE_EQ(r.fragment.height, kLine);
}

TEST_F(TableFlowTest, RowsWithoutCellsAndSpansPastTheEnd) {
  TableBox t = fixed_columns({50, 50});
  t.body.push_back(TableRow{{cell(numbered("a", 1), 5), cell(numbered("b", 1))}});  // rowspan clipped to 2 rows
  t.body.push_back(TableRow{});
  const auto fragments = flow(t, 1000);
  ASSERT_EQ(fragments.size(), 1u);
  const CellFragment* a = find(fragments[0], TableSection::body, 0, 0);
  ASSERT_TRUE(a);
  EXPECT_DOUBLE_EQ(a->height, kLine);
}

TEST_F(TableFlowTest, FooterOnEveryFragment) {
  TableBox t = fixed_columns({100});
  t.footer.push_back(TableRow{{cell(lines({"脚"}))}});
  for (int i = 0; i < 10; ++i) t.body.push_back(TableRow{{cell(numbered("a", 1))}});
  const auto fragments = flow(t, 5 * kLine);
  ASSERT_EQ(fragments.size(), 3u);  // four body rows and the footer each
  for (const auto& f : fragments) {
    const CellFragment* foot = find(f, TableSection::footer, 0, 0);
    ASSERT_TRUE(foot);
    EXPECT_DOUBLE_EQ(foot->y + foot->height, f.height);
  }
}

TEST_F(TableFlowTest, VerticalAlignmentOfAWholeCell) {
  TableBox t = fixed_columns({100, 100, 100});
  TableCell middle = cell(numbered("m", 1));
  middle.valign = VerticalAlign::middle;
  TableCell bottom = cell(numbered("b", 1));
  bottom.valign = VerticalAlign::bottom;
  t.body.push_back(TableRow{{cell(numbered("a", 3)), middle, bottom}});
  const auto fragments = flow(t, 1000);
  const TableFragment& f = fragments.front();
  const auto baseline = [&](std::size_t index) { return f.runs[find(f, TableSection::body, 0, index)->first_run].y; };
  EXPECT_NEAR(baseline(1) - baseline(0), kLine, 1e-6);
  EXPECT_NEAR(baseline(2) - baseline(0), 2 * kLine, 1e-6);
}

TEST_F(TableFlowTest, BordersOfEachStyle) {
  TableBox t = fixed_columns({100});
  TableCell c = cell(numbered("a", 1));
  c.borders.top = {1.5, BorderStyle::double_line, {}};
  c.borders.bottom = {1, BorderStyle::dotted, {}};
  c.borders.left = {0, BorderStyle::solid, {}};
  t.body.push_back(TableRow{{c}});
  const TableFragment f = flow(t, 1000).front();
  // top: two strokes of a third; right: solid; bottom: dotted; left: none.
  ASSERT_EQ(f.rules.size(), 4u);
  EXPECT_DOUBLE_EQ(f.rules[0].width, 0.5);
  EXPECT_DOUBLE_EQ(f.rules[1].width, 0.5);
  EXPECT_DOUBLE_EQ(f.rules[1].y1 - f.rules[0].y1, 1.0);
  EXPECT_DOUBLE_EQ(f.rules[2].dot_spacing, 2);
  EXPECT_DOUBLE_EQ(f.rules[3].dot_spacing, 0);
}

TEST_F(TableFlowTest, HangingPunctuationStaysInsideItsCell) {
  TableBox t = fixed_columns({40, 40});
  ParagraphBox hanging = lines({"あいうえ。かき"});
  hanging.style.hanging_punctuation = true;
  TableCell narrow = cell(hanging);  // no padding: the 。 may not hang
  TableCell padded = cell(hanging);
  padded.padding = {0, 10, 0, 0};
  t.body.push_back(TableRow{{narrow, padded}});
  TableFlow f(t, 100, context_);
  const TableFragment fragment = f.layout(Region{100, 1000, true, 1000}, nullptr).fragment;
  expect_glyphs_inside(fragment);
}

TEST_F(TableFlowTest, NestedTableInsideItsCell) {
  auto inner = std::make_shared<TableBox>(fixed_columns({40, 40}));
  inner->body.push_back(TableRow{{cell(numbered("i", 2)), cell(numbered("j", 1))}});
  TableBox t = fixed_columns({120});
  TableCell outer = cell(numbered("o", 1));
  outer.padding = {3, 3, 3, 3};
  outer.blocks.emplace_back(NestedTable{inner});
  t.body.push_back(TableRow{{outer}});
  const TableFragment f = flow(t, 1000).front();
  EXPECT_DOUBLE_EQ(f.height, 3 + kLine + 2 * kLine + 3);
  std::string texts;
  for (const auto& r : f.runs) texts += r.text + "|";
  EXPECT_EQ(texts, "o1|i1|j1|i2|");  // lines of the nested cells side by side
  expect_glyphs_inside(f);
}

TEST_F(TableFlowTest, NestedTableTallerThanARegionSplitsBetweenItsLines) {
  auto inner = std::make_shared<TableBox>(fixed_columns({40, 40}));
  inner->body.push_back(TableRow{{cell(numbered("i", 30)), cell(numbered("j", 5))}});
  inner->body.push_back(TableRow{{cell(numbered("k", 4)), cell(numbered("m", 1))}});
  TableBox t = fixed_columns({100});
  TableCell outer;
  outer.blocks.emplace_back(NestedTable{inner});
  t.body.push_back(TableRow{{outer}});
  const auto fragments = flow(t, 10 * kLine);
  ASSERT_GE(fragments.size(), 4u);
  std::string i_lines, k_lines;
  for (const auto& f : fragments) {
    EXPECT_LE(f.height, 10 * kLine + 1e-6);
    for (const auto& r : f.runs) {
      if (r.text[0] == 'i') i_lines += r.text + "|";
      if (r.text[0] == 'k') k_lines += r.text + "|";
    }
    expect_glyphs_inside(f);
  }
  std::string expected;
  for (int n = 1; n <= 30; ++n) expected += "i" + std::to_string(n) + "|";
  EXPECT_EQ(i_lines, expected);
  EXPECT_EQ(k_lines, "k1|k2|k3|k4|");
  expect_each_slice_once(fragments);
}

// A step that runs on through later years: the cell spans those years'
// columns and draws its text, then an arrow across its whole inner width.
TEST_F(TableFlowTest, ArrowRunsAcrossItsSpannedCells) {
  TableBox t = fixed_columns({60, 100, 100, 100});
  TableCell step = cell(lines({"研修の実施"}), 1, 3);
  step.padding = {2, 4, 2, 4};
  step.blocks.emplace_back(Arrow{10, 0.8, {}});
  t.body.push_back(TableRow{{cell(lines({"①"})), step}});
  const auto fragments = flow(t, 1000);
  ASSERT_EQ(fragments.size(), 1u);
  const CellFragment* c = find(fragments[0], TableSection::body, 0, 1);
  ASSERT_NE(c, nullptr);
  EXPECT_DOUBLE_EQ(c->x, 60);
  EXPECT_DOUBLE_EQ(c->width, 300);
  EXPECT_EQ(c->slice_count, 2u);  // the text's line and the arrow
  // The shaft: horizontal, from the left padding to a pen's width short of
  // the right padding, below the text.
  const double left = c->x + 4, tip = c->x + c->width - 4 - 0.8;
  const Rule* shaft = nullptr;
  std::vector<const Rule*> heads;
  for (const auto& r : fragments[0].rules) {
    if (r.y1 == r.y2 && std::abs(r.x1 - left) < 1e-9 && std::abs(r.x2 - tip) < 1e-9) shaft = &r;
    if (r.y1 != r.y2 && std::abs(r.x2 - tip) < 1e-9) heads.push_back(&r);
  }
  ASSERT_NE(shaft, nullptr);
  EXPECT_GT(shaft->y1, c->y + 2 + kLine - 1e-9);  // under the text's line
  EXPECT_LT(shaft->y1, c->y + c->height);         // inside the cell
  // The head's two strokes meet at the tip, mirrored about the shaft, with
  // round ends so that they join.
  ASSERT_EQ(heads.size(), 2u);
  EXPECT_DOUBLE_EQ(heads[0]->y2, shaft->y1);
  EXPECT_DOUBLE_EQ(heads[1]->y2, shaft->y1);
  EXPECT_DOUBLE_EQ(heads[0]->x1, heads[1]->x1);
  EXPECT_DOUBLE_EQ(heads[0]->y1 - shaft->y1, shaft->y1 - heads[1]->y1);
  EXPECT_TRUE(heads[0]->round_caps && heads[1]->round_caps);
  expect_glyphs_inside(fragments[0]);
}

}  // namespace
}  // namespace shiryo::layout
