// What layout produces: pages of positioned glyph runs, rules, fills and link
// areas, in points with the origin at the page's top left and y downward.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "image/image.h"
#include "layout/structure.h"
#include "style/layout_set.h"
#include "text/font.h"

namespace shiryo::layout {

// 16 bytes, the double first: pages hold millions of these until written.
struct PositionedGlyph {
  double x = 0;          // from the run's origin, pt
  uint32_t glyph = 0;
  uint32_t cluster = 0;  // byte offset of its characters in the run's text
};

struct GlyphRun {
  const text::Font* font = nullptr;
  double size = 0;       // pt
  style::Color color{};
  double x = 0, y = 0;   // origin on the baseline
  std::string text;      // the characters the glyphs show (for copy and search)
  std::vector<PositionedGlyph> glyphs;
  std::string page_ref;  // an anchor whose page number replaces the glyphs after layout
  // What the glyphs are in their paragraph: a list mark hangs (the first run
  // of a paragraph that hangs after it), a dot leader only leads the eye.
  enum class Part : std::uint8_t { text, mark, leader } part = Part::text;
  int link = -1;         // the line's link area this run shows (an index into Line::links), if any
  Tag tag = kUntagged;   // its structure element, or an artifact
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  style::Color color{};
  double dot_spacing = 0;  // pt between the centres of round dots; 0 draws a solid line
  bool round_caps = false;  // round ends, so that strokes meeting at a point join (an arrowhead)
};

struct Fill {
  double x = 0, y = 0, width = 0, height = 0;
  style::Color color{};
};

struct LinkArea {
  double x = 0, y = 0, width = 0, height = 0;
  std::string anchor;  // a page of the packet, or
  std::string uri;     // an external address
  Tag tag = kUntagged;  // its Link structure element
};

// An image drawn in the box from (x, y), its top left, `width` × `height` pt.
struct PlacedImage {
  std::shared_ptr<const image::Image> image;
  double x = 0, y = 0, width = 0, height = 0;
  Tag tag = kUntagged;  // its Figure structure element, or an artifact
  std::string alt;      // in a table cell: its Figure's /Alt (a figure outside a cell has its own)
};

struct Page {
  double width = 0, height = 0;
  std::vector<Fill> fills;
  std::vector<Rule> rules;
  std::vector<GlyphRun> runs;
  std::vector<LinkArea> links;
  std::vector<PlacedImage> images;
};

// The same piece, moved by (dx, dy) points: fragments laid out in their own
// coordinates (a line, a table fragment) are placed on a page this way.
inline Fill moved(Fill f, double dx, double dy) {
  f.x += dx;
  f.y += dy;
  return f;
}
inline Rule moved(Rule r, double dx, double dy) {
  r.x1 += dx;
  r.x2 += dx;
  r.y1 += dy;
  r.y2 += dy;
  return r;
}
inline GlyphRun moved(GlyphRun r, double dx, double dy) {
  r.x += dx;
  r.y += dy;
  return r;
}
inline LinkArea moved(LinkArea l, double dx, double dy) {
  l.x += dx;
  l.y += dy;
  return l;
}
inline PlacedImage moved(PlacedImage i, double dx, double dy) {
  i.x += dx;
  i.y += dy;
  return i;
}

struct OutlineEntry {
  std::string title;
  std::size_t page = 0;
  std::vector<OutlineEntry> children;
};

// PDF page labels: from `first_page` on, `prefix` then (if numbered) the number.
struct PageLabelRange {
  std::size_t first_page = 0;
  std::string prefix;
  bool numbered = false;
  int start = 1;
};

// A warning found while laying out, at a position in the packet.
struct LayoutWarning {
  std::size_t offset = 0;
  std::string message;
};

struct LaidOutPacket {
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::map<std::string, std::size_t> anchors;  // anchor → page index
  std::vector<PageLabelRange> labels;
  std::vector<LayoutWarning> warnings;
  // The packet's logical structure; every page's runs, images and links
  // carry tags into it (rules and fills are always artifacts).
  StructureTree structure;
};

}  // namespace shiryo::layout
