// A Diagram (layout/box.h) laid out: boxes on rows of one height, their
// text, and the elbow connectors between them.
#pragma once

#include <vector>

#include "layout/box.h"
#include "layout/fragment.h"
#include "layout/paragraph.h"

namespace shiryo::layout {

// What a diagram draws, from its top left.
struct DiagramFragment {
  double width = 0, height = 0;
  std::vector<Fill> fills;
  std::vector<Rule> rules;
  std::vector<GlyphRun> runs;
  std::vector<LinkArea> links;
};

class DiagramLayout {
 public:
  // Lays out every box's paragraphs once, at its box's inner width.
  DiagramLayout(const Diagram& diagram, TextContext& context);

  // The height at the least row height that holds every box's text: a box
  // needs its lines and padding within its rows, less the row gap. A text
  // longer than its box allows makes every row taller alike.
  double least_height() const;

  // The diagram in `height`: the rows share it, each at most the diagram's
  // row_height_max (or the least row height, when that is more). When
  // `height` is less than least_height(), the whole drawing is set at that
  // height and scaled down to fit `height`, with a warning at the view.
  DiagramFragment layout(double height) const;

 private:
  double least_row_height() const;

  const Diagram& diagram_;
  TextContext& context_;
  std::vector<std::vector<Line>> texts_;  // per box, the lines of all its paragraphs
  std::vector<double> needs_;             // per box: its text's height and padding, pt
};

}  // namespace shiryo::layout
