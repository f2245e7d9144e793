// <figure>: an image at the size the packet asks, with its caption.
#include <cmath>

#include "compose/views.h"

namespace shiryo::compose {
namespace {

constexpr double kDefaultDpi = 96;  // a file that states no resolution, as a word processor places it

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

namespace {

// What a <figure> asks for: its image, and its width in points or as a
// share of the width it is set in; nullopt after an error, or when its file
// was not read (load_figures reported it).
struct Asked {
  std::shared_ptr<const image::Image> image;
  double width = 0;    // pt: asked, or the file's own size
  double percent = 0;  // when set, `width` is this share of the measure
};

std::optional<Asked> asked(const model::Block& b, const ViewContext& view) {
  if (!b.src) return std::nullopt;
  const auto found = view.figures().find(b.src->value);
  if (found == view.figures().end()) return std::nullopt;
  const auto drawn = found->second->drawn(image::figure_page(b));
  if (!drawn) return std::nullopt;
  Asked out{drawn, drawn->shown_width_pt(kDefaultDpi), 0};
  auto& diags = view.diags();
  if (b.width && b.height) {
    diags.error(view.packet().source, b.height->offset,
                "give a figure's width or its height, not both: the other follows the image's proportions");
    return std::nullopt;
  }
  if (b.width) {
    const auto percent = figure_length(*b.width, 100.0);
    const bool is_percent = !b.width->value.empty() && b.width->value.back() == '%';
    if (!percent) {
      diags.error(view.packet().source, b.width->offset,
                  "width '" + b.width->value + "' is neither a percentage (60%) nor a length (80mm, 120pt)");
      return std::nullopt;
    }
    if (is_percent) out.percent = *percent;
    else out.width = *percent;
  } else if (b.height) {
    const auto h = figure_length(*b.height, std::nullopt);
    if (!h) {
      diags.error(view.packet().source, b.height->offset, "height '" + b.height->value + "' is not a length (50mm, 120pt)");
      return std::nullopt;
    }
    out.width = *h / drawn->shown_aspect();
  }
  return out;
}

std::optional<layout::ParagraphBox> caption(const model::Block& b, const ViewContext& view, FootnoteSink* notes) {
  if (!b.caption) return std::nullopt;
  layout::ParagraphBox p = view.paragraph("figure.caption", {});
  add_rich_text(*b.caption, p.style, view, p, notes);
  return p;
}

}  // namespace

void add_figure(const model::Block& b, const ViewContext& view, double measure, std::vector<layout::Block>& out,
                FootnoteSink* notes) {
  const auto ask = asked(b, view);
  if (!ask) return;
  const image::Image& img = *ask->image;
  const double width = std::min(ask->percent > 0 ? measure * ask->percent / 100 : ask->width, measure);
  layout::Figure f;
  f.image = ask->image;
  f.width = width;
  f.height = width * img.shown_aspect();
  f.source_offset = b.offset;
  if (b.alt) f.alt = b.alt->value;
  const style::Style& caption_style = view.style("figure.caption");
  f.space_before = caption_style.space_before;
  f.space_after = caption_style.space_after;
  f.caption = caption(b, view, notes);
  if (const std::string low = image::low_resolution_warning(img, b.src->value, width); !low.empty())
    view.diags().warning(view.packet().source, b.src->offset, low);
  out.emplace_back(std::move(f));
}

void add_cell_figure(const model::Block& b, const ViewContext& view, std::vector<layout::CellBlock>& out,
                     FootnoteSink* notes) {
  const auto ask = asked(b, view);
  if (!ask) return;
  layout::CellImage image;
  image.image = ask->image;
  image.width = ask->width;
  image.percent = ask->percent;
  image.aspect = ask->image->shown_aspect();
  image.height = image.width * image.aspect;
  image.source_offset = b.offset;
  image.src = b.src->value;
  image.src_offset = b.src->offset;
  if (b.alt) image.alt = b.alt->value;
  auto p = caption(b, view, notes);
  image.captioned = p.has_value();
  out.emplace_back(std::move(image));
  if (p) out.emplace_back(std::move(*p));
}

}  // namespace shiryo::compose
