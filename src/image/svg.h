// SVG figures: checked for references to anything outside the file, then
// drawn by librsvg onto cairo's PDF surface in memory, so that the page it
// makes is imported like any PDF page (pdf/page_import) and its text stays
// text, set in the packet's own font set rather than this machine's fonts.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shiryo::image {

// A face an SVG's text may be set in: a file of the packet's font set.
struct SvgFace {
  std::string file;
  bool serif = false;  // a Mincho design: what serif families fall back to
};

// Whether the bytes are an SVG document (an <svg> root, after any XML
// declaration, comments and doctype).
bool is_svg(std::string_view bytes);

struct SvgPage {
  std::string pdf;  // a one-page PDF
  // Each font family the SVG names that the faces do not hold, with the
  // family it is drawn in instead: "'Arial' (drawn in BIZ UDGothic)".
  std::vector<std::string> substituted;
};

// The SVG drawn as a one-page PDF at its intrinsic size (CSS pixels at 96 per
// inch), its text set in `faces` only: fontconfig sees no other font, so the
// page is the same on any machine that has these files. Families the SVG
// names that `faces` lack fall back to the serif face for serif families
// and names (明朝, Mincho, Times), otherwise to the first other face; text
// with no family is set in the latter too. Throws ImageError when it refers
// to another file or a URL (href, url(…), @import, XInclude, external
// entities: refused before rendering), when it is not well-formed, or when
// it has no size.
SvgPage svg_to_pdf(std::string_view bytes, const std::vector<SvgFace>& faces);

}  // namespace shiryo::image
