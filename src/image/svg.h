// SVG figures: checked for references to anything outside the file, then
// drawn by librsvg onto cairo's PDF surface in memory, so that the page it
// makes is imported like any PDF page (pdf/page_import) and its text stays
// text.
#pragma once

#include <string>
#include <string_view>

namespace shiryo::image {

// Whether the bytes are an SVG document (an <svg> root, after any XML
// declaration, comments and doctype).
bool is_svg(std::string_view bytes);

// The SVG drawn as a one-page PDF at its intrinsic size (CSS pixels at 96 per
// inch). Throws ImageError when it refers to another file or a URL (href,
// url(…), @import, XInclude, external entities: refused before rendering),
// when it is not well-formed, or when it has no size.
std::string svg_to_pdf(std::string_view bytes);

}  // namespace shiryo::image
