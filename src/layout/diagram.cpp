#include "layout/diagram.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string>

namespace shiryo::layout {
namespace {

double text_height(const std::vector<Line>& lines) {
  double h = 0;
  for (const auto& line : lines) h += line.height;
  return h;
}

std::string millimetres(double pt) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0fmm", pt * 25.4 / 72);
  return buf;
}

// A rectangle's outline; the horizontal sides run on by half the rule's
// width so that the corners close.
void outline(double x, double y, double w, double h, double width, style::Color color, DiagramFragment& out) {
  const double half = width / 2;
  out.rules.push_back(Rule{x - half, y, x + w + half, y, width, color, 0});
  out.rules.push_back(Rule{x - half, y + h, x + w + half, y + h, width, color, 0});
  out.rules.push_back(Rule{x, y, x, y + h, width, color, 0});
  out.rules.push_back(Rule{x + w, y, x + w, y + h, width, color, 0});
}

// Every piece scaled by `s` about the origin, then moved by (dx, 0).
void scale(DiagramFragment& f, double s, double dx) {
  for (auto& fill : f.fills) {
    fill = moved(Fill{fill.x * s, fill.y * s, fill.width * s, fill.height * s, fill.color}, dx, 0);
  }
  for (auto& r : f.rules) {
    r = moved(Rule{r.x1 * s, r.y1 * s, r.x2 * s, r.y2 * s, r.width * s, r.color, r.dot_spacing * s}, dx, 0);
  }
  for (auto& run : f.runs) {
    run.x = run.x * s + dx;
    run.y *= s;
    run.size *= s;
    for (auto& g : run.glyphs) g.x *= s;
  }
  for (auto& l : f.links) {
    l = moved(LinkArea{l.x * s, l.y * s, l.width * s, l.height * s, l.anchor, l.uri}, dx, 0);
  }
  f.width *= s;
  f.height *= s;
}

}  // namespace

DiagramLayout::DiagramLayout(const Diagram& diagram, TextContext& context)
    : diagram_(diagram), context_(context) {
  const ElementScope element(context, diagram.source_offset);
  for (const auto& box : diagram.boxes) {
    std::vector<Line> lines;
    for (const auto& p : box.paragraphs) {
      auto more = layout_paragraph(p, std::max(box.width - 2 * box.padding, 0.0), context);
      lines.insert(lines.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
    needs_.push_back(text_height(lines) + 2 * box.padding);
    texts_.push_back(std::move(lines));
  }
}

double DiagramLayout::least_row_height() const {
  double least = 0;
  for (std::size_t i = 0; i < diagram_.boxes.size(); ++i) {
    const double rows = static_cast<double>(std::max<std::size_t>(diagram_.boxes[i].rows, 1));
    least = std::max(least, (needs_[i] + diagram_.row_gap) / rows);
  }
  return least;
}

double DiagramLayout::least_height() const {
  return least_row_height() * static_cast<double>(diagram_.rows);
}

DiagramFragment DiagramLayout::layout(double height) const {
  DiagramFragment out;
  out.width = diagram_.width;
  if (diagram_.rows == 0) return out;
  const double rows = static_cast<double>(diagram_.rows);
  const double least = least_row_height();
  const double row = std::clamp(height / rows, least, std::max(least, diagram_.row_height_max));
  const double gap = diagram_.row_gap;

  // Each box's top and height, then the boxes, then the connectors over them.
  std::vector<double> tops, heights;
  for (std::size_t i = 0; i < diagram_.boxes.size(); ++i) {
    const DiagramBox& box = diagram_.boxes[i];
    const double span = static_cast<double>(std::max<std::size_t>(box.rows, 1)) * row;
    const double h = box.fills_rows ? span - gap : std::max(needs_[i], row - gap);
    tops.push_back(static_cast<double>(box.first_row) * row + (span - h) / 2);
    heights.push_back(h);
    if (box.fill) out.fills.push_back(Fill{box.x, tops.back(), box.width, h, *box.fill});
    if (box.rule_width > 0) outline(box.x, tops.back(), box.width, h, box.rule_width, box.rule_color, out);
    double y = tops.back() + (h - (needs_[i] - 2 * box.padding)) / 2;
    for (const auto& line : texts_[i]) {
      for (const auto& run : line.runs) out.runs.push_back(moved(run, box.x + box.padding, y + line.baseline));
      for (const auto& link : line.links) out.links.push_back(moved(link, box.x + box.padding, y));
      y += line.height;
    }
  }
  for (const auto& c : diagram_.connectors) {
    const DiagramBox& from = diagram_.boxes[c.from];
    const double from_y = tops[c.from] + heights[c.from] / 2;
    double spine_top = from_y, spine_bottom = from_y;
    out.rules.push_back(Rule{from.x + from.width, from_y, c.spine_x, from_y, c.width, c.color, 0});
    for (std::size_t to : c.to) {
      const double y = tops[to] + heights[to] / 2;
      spine_top = std::min(spine_top, y);
      spine_bottom = std::max(spine_bottom, y);
      out.rules.push_back(Rule{c.spine_x, y, diagram_.boxes[to].x, y, c.width, c.color, 0});
    }
    // The spine runs on by half the rule's width to close its elbows.
    if (spine_bottom > spine_top) {
      out.rules.push_back(Rule{c.spine_x, spine_top - c.width / 2, c.spine_x, spine_bottom + c.width / 2,
                               c.width, c.color, 0});
    }
  }
  out.height = row * rows;

  // Rows at their least height that still exceed `height`: scaled to fit.
  if (least * rows > height && height > 0) {
    const double s = height / out.height;
    const std::string message = "the diagram needs " + millimetres(out.height) + " but the page has " +
                                millimetres(height) + ": it is drawn at " +
                                std::to_string(static_cast<int>(s * 100)) +
                                "% of its size (its text smaller than the layout set's)";
    if (diagram_.source_offset) context_.diags.warning(context_.source, *diagram_.source_offset, message);
    else context_.diags.warning(nullptr, 0, message);
    scale(out, s, diagram_.width * (1 - s) / 2);
  }
  return out;
}

}  // namespace shiryo::layout
