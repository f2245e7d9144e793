// A paragraph's lines at a given measure. This first composer breaks
// greedily at the allowed opportunities; issue-level rules (JLREQ spacing,
// total-fit line choice) grow here behind the same interface.
#pragma once

#include <memory>
#include <vector>

#include "diag/diagnostics.h"
#include "layout/box.h"
#include "layout/fragment.h"
#include "text/line_breaker.h"
#include "text/shaper.h"

namespace shiryo::layout {

// The text services one layout run shares: shaping cache, break finder, and
// where to report characters no font has.
struct TextContext {
  TextContext(diag::Diagnostics& d, std::shared_ptr<const diag::SourceFile> s)
      : diags(d), source(std::move(s)) {}
  diag::Diagnostics& diags;
  std::shared_ptr<const diag::SourceFile> source;
  text::ShapeCache shapes;
  text::BreakOpportunities breaks;
};

struct Line {
  double width = 0;     // the measure the line was set to, pt
  double height = 0;    // pt
  double baseline = 0;  // from the line's top, pt
  std::vector<GlyphRun> runs;    // x from the line's left edge, y = 0 on the baseline
  std::vector<LinkArea> links;   // x from the line's left edge, y from its top
};

std::vector<Line> layout_paragraph(const ParagraphBox& paragraph, double width,
                                   TextContext& context);

// Height of the lines plus the paragraph's space before and after.
double lines_height(const std::vector<Line>& lines);

}  // namespace shiryo::layout
