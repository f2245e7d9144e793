// The paragraph composer: styled runs → lines at a measure, to JLREQ
// (japanese-typesetting.md). Break opportunities come from
// text::BreakOpportunities plus the list-mark rule; spacing adds 和欧間 and
// compresses adjacent full-width punctuation; justified paragraphs choose
// their breaks over the whole paragraph (total fit), others fill greedily.
#pragma once

#include <memory>
#include <optional>
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
  // The packet element being laid out (a table, a diagram), where a warning
  // about text that has no position of its own (a computed figure, a word of
  // the layout set) is reported.
  std::optional<std::size_t> element_offset;
};

// Sets the context's element for the life of the scope, when `offset` is set.
class ElementScope {
 public:
  ElementScope(TextContext& context, std::optional<std::size_t> offset)
      : context_(context), saved_(context.element_offset) {
    if (offset) context_.element_offset = offset;
  }
  ~ElementScope() { context_.element_offset = saved_; }
  ElementScope(const ElementScope&) = delete;
  ElementScope& operator=(const ElementScope&) = delete;

 private:
  TextContext& context_;
  std::optional<std::size_t> saved_;
};

// The character a dot leader repeats.
inline constexpr const char* kLeaderDot = "・";

struct Line {
  double width = 0;     // the measure the line was set to, pt
  double natural = 0;   // how wide its content is after spacing and justification, pt
  double spare = 0;     // the measure less the content's natural width, before justification, pt
  double height = 0;    // pt
  double baseline = 0;  // from the line's top, pt
  std::vector<GlyphRun> runs;    // x from the line's left edge, y = 0 on the baseline
  std::vector<LinkArea> links;   // x from the line's left edge, y from its top
  std::size_t source_offset = 0; // where its first character stands in the packet (0: generated text)
  std::vector<std::size_t> footnotes;  // notes its marks refer to, in order
};

std::vector<Line> layout_paragraph(const ParagraphBox& paragraph, double width,
                                   TextContext& context);

// Height of the lines plus the paragraph's space before and after.
double lines_height(const std::vector<Line>& lines);

}  // namespace shiryo::layout
