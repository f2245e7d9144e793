// layout/diagram: rows of one height sharing the room given up to their
// most, boxes centred on their rows, elbow connectors from a box's right edge
// through a spine to its children, rows grown alike for a text longer than
// its box, and a drawing no room holds scaled down with a warning. Uses the
// BIZ UD fonts the project's setup installs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "mincho_test.h"
#include "diag/source_file.h"
#include "layout/diagram.h"

namespace shiryo::layout {
namespace {

constexpr double kSize = 10;           // pt
constexpr double kLine = 1.5 * kSize;  // each line's height
constexpr double kPad = 2;
constexpr double kGap = 4;

class DiagramTest : public testing::MinchoTest {
 protected:

  // `lines` lines of text, forced apart.
  ParagraphBox text(std::size_t lines) const {
    ParagraphBox p;
    p.style.size = kSize;
    p.style.line_height = 1.5;
    for (std::size_t i = 0; i < lines; ++i) {
      InlineRun r;
      r.chain = &chain_;
      r.size = kSize;
      r.line_break = i > 0;
      if (i > 0) p.runs.push_back(r);
      r.line_break = false;
      r.text = "行" + std::to_string(i + 1);
      p.runs.push_back(r);
    }
    return p;
  }

  DiagramBox box(double x, std::size_t row, std::size_t rows, std::size_t lines = 1) const {
    DiagramBox b;
    b.x = x;
    b.width = 100;
    b.first_row = row;
    b.rows = rows;
    b.paragraphs = {text(lines)};
    b.padding = kPad;
    b.rule_width = 0.5;
    return b;
  }

  // A parent at the left spanning three rows, a child per row at its right.
  Diagram tree(std::size_t child_lines = 1) const {
    Diagram d;
    d.width = 300;
    d.rows = 3;
    d.row_height_max = 30;
    d.row_gap = kGap;
    d.source_offset = 5;
    d.boxes = {box(0, 0, 3), box(150, 0, 1, child_lines), box(150, 1, 1), box(150, 2, 1)};
    d.boxes[0].fills_rows = true;
    d.boxes[0].fill = style::Color{0, 0, 1};
    d.connectors = {{0, {1, 2, 3}, 125, 0.75, {}}};
    return d;
  }

  std::size_t warnings() const {
    return static_cast<std::size_t>(std::count_if(diags_.items().begin(), diags_.items().end(), [](const auto& d) {
      return d.severity == diag::Severity::warning;
    }));
  }

  diag::Diagnostics diags_;
  TextContext context_{diags_, std::make_shared<diag::SourceFile>("t.xml", std::string(200, ' '))};
};

bool has_rule(const DiagramFragment& f, double x1, double y1, double x2, double y2) {
  return std::any_of(f.rules.begin(), f.rules.end(), [&](const Rule& r) {
    return std::abs(r.x1 - x1) < 0.01 && std::abs(r.y1 - y1) < 0.01 && std::abs(r.x2 - x2) < 0.01 &&
           std::abs(r.y2 - y2) < 0.01;
  });
}

TEST_F(DiagramTest, RowsTakeTheRoomUpToTheirMost) {
  const Diagram d = tree();
  const DiagramLayout laid(d, context_);
  EXPECT_DOUBLE_EQ(laid.least_height(), 3 * (kLine + 2 * kPad + kGap));
  EXPECT_DOUBLE_EQ(laid.layout(500).height, 90);  // 3 rows of their most, 30
  EXPECT_DOUBLE_EQ(laid.layout(75).height, 75);   // 3 rows of 25
  EXPECT_EQ(warnings(), 0u);
}

TEST_F(DiagramTest, BoxesAndConnectorsStandOnTheirRows) {
  const Diagram d = tree();
  const DiagramFragment f = DiagramLayout(d, context_).layout(90);
  // The parent fills its three rows less the gap; its fill is drawn.
  ASSERT_EQ(f.fills.size(), 1u);
  EXPECT_DOUBLE_EQ(f.fills[0].y, kGap / 2);
  EXPECT_DOUBLE_EQ(f.fills[0].height, 90 - kGap);
  // Parent's right edge at its middle → spine; spine from the first child's
  // middle to the last's; a branch to each child's left edge.
  EXPECT_TRUE(has_rule(f, 100, 45, 125, 45));
  EXPECT_TRUE(has_rule(f, 125, 15 - 0.375, 125, 75 + 0.375));
  for (double y : {15.0, 45.0, 75.0}) EXPECT_TRUE(has_rule(f, 125, y, 150, y)) << y;
  // Each child's text is centred in its row: baselines 30 apart.
  std::vector<double> baselines;
  for (const auto& run : f.runs) {
    if (run.x >= 150) baselines.push_back(run.y);
  }
  ASSERT_EQ(baselines.size(), 3u);
  std::sort(baselines.begin(), baselines.end());
  EXPECT_NEAR(baselines[1] - baselines[0], 30, 0.01);
  EXPECT_NEAR(baselines[2] - baselines[1], 30, 0.01);
}

TEST_F(DiagramTest, ALongTextMakesEveryRowTaller) {
  const Diagram d = tree(3);  // the first child: three lines in one row
  const DiagramLayout laid(d, context_);
  const double row = 3 * kLine + 2 * kPad + kGap;
  EXPECT_DOUBLE_EQ(laid.least_height(), 3 * row);
  const DiagramFragment f = laid.layout(3 * row);
  EXPECT_DOUBLE_EQ(f.height, 3 * row);
  // Every run lies inside its box: within its row, less half the gap.
  for (const auto& run : f.runs) {
    if (run.x < 150) continue;
    const double row_top = std::floor(run.y / row) * row;
    EXPECT_GT(run.y - kSize, row_top + kGap / 2) << run.text;
    EXPECT_LT(run.y, row_top + row - kGap / 2) << run.text;
  }
  EXPECT_EQ(warnings(), 0u);
}

TEST_F(DiagramTest, ADrawingNoRoomHoldsIsScaledWithAWarning) {
  const Diagram d = tree();
  const DiagramLayout laid(d, context_);
  const double least = laid.least_height();
  const DiagramFragment f = laid.layout(least / 2);
  EXPECT_NEAR(f.height, least / 2, 0.01);
  EXPECT_NEAR(f.width, 150, 0.01);
  for (const auto& run : f.runs) EXPECT_NEAR(run.size, kSize / 2, 0.01);
  EXPECT_EQ(warnings(), 1u);
}

}  // namespace
}  // namespace shiryo::layout
