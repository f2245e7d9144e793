// <figure>: an image at the size the packet asks, with its caption.
#include <cmath>

#include "compose/views.h"

namespace shiryo::compose {
namespace {

constexpr double kDefaultDpi = 96;  // a file that states no resolution, as a word processor places it
constexpr double kPhotoDpiLeast = 150;

// `80mm`, `10.5pt`; a percentage of `measure` when `percent_of` is set.
std::optional<double> figure_length(const model::SourceText& text, std::optional<double> percent_of) {
  const std::string& v = text.value;
  if (percent_of && !v.empty() && v.back() == '%') {
    char* end = nullptr;
    const double p = std::strtod(v.c_str(), &end);
    if (end != v.c_str() + v.size() - 1 || !(p > 0) || p > 100) return std::nullopt;
    return *percent_of * p / 100;
  }
  const auto pt = style::parse_length(v);
  if (!pt || !(*pt > 0)) return std::nullopt;
  return pt;
}

}  // namespace

void add_figure(const model::Block& b, const ViewContext& view, double measure, std::vector<layout::Block>& out,
                FootnoteSink* notes) {
  if (!b.src) return;
  const auto found = view.figures().find(b.src->value);
  if (found == view.figures().end()) return;  // load_figures reported it
  const auto drawn = found->second->drawn(image::figure_page(b));
  if (!drawn) return;  // load_figures reported it
  const image::Image& img = *drawn;
  double width = img.shown_width_pt(kDefaultDpi);
  auto& diags = view.diags();
  if (b.width && b.height) {
    diags.error(view.packet().source, b.height->offset,
                "give a figure's width or its height, not both: the other follows the image's proportions");
    return;
  }
  if (b.width) {
    const auto w = figure_length(*b.width, measure);
    if (!w) {
      diags.error(view.packet().source, b.width->offset,
                  "width '" + b.width->value + "' is neither a percentage (60%) nor a length (80mm, 120pt)");
      return;
    }
    width = *w;
  } else if (b.height) {
    const auto h = figure_length(*b.height, std::nullopt);
    if (!h) {
      diags.error(view.packet().source, b.height->offset, "height '" + b.height->value + "' is not a length (50mm, 120pt)");
      return;
    }
    width = *h / img.shown_aspect();
  }
  width = std::min(width, measure);
  layout::Figure f;
  f.image = drawn;
  f.width = width;
  f.height = width * img.shown_aspect();
  f.source_offset = b.offset;
  if (b.alt) f.alt = b.alt->value;
  const style::Style& caption = view.style("figure.caption");
  f.space_before = caption.space_before;
  f.space_after = caption.space_after;
  if (b.caption) {
    layout::ParagraphBox p = view.paragraph("figure.caption", {});
    add_rich_text(*b.caption, p.style, view, p, notes);
    f.caption = std::move(p);
  }
  const double px_w = img.shown_width();
  const double printed_dpi = px_w / (width / 72);
  if (img.kind == image::Image::Kind::jpeg && printed_dpi < kPhotoDpiLeast) {
    diags.warning(view.packet().source, b.src->offset,
                  "the photo '" + b.src->value + "' prints at " + std::to_string(static_cast<int>(std::lround(printed_dpi))) +
                      " dpi at this size (" + std::to_string(static_cast<int>(px_w)) + " pixels across " +
                      std::to_string(static_cast<int>(std::lround(width / 72 * 25.4))) + " mm), below 150 dpi: it may look blurred");
  }
  out.emplace_back(std::move(f));
}

}  // namespace shiryo::compose
