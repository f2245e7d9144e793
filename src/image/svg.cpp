#include "image/svg.h"

#include <cairo-pdf.h>
#include <librsvg/rsvg.h>
#include <pugixml.hpp>

#include <memory>
#include <vector>

#include "image/image.h"

namespace shiryo::image {
namespace {

constexpr double kMaxSide = 14400;  // points, PDF's own limit on a page
constexpr double kPointsPerPixel = 72.0 / 96.0;

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t' || v.front() == '\n' || v.front() == '\r')) v.remove_prefix(1);
  return v;
}

bool starts_with(std::string_view v, std::string_view prefix) { return v.substr(0, prefix.size()) == prefix; }

// An image embedded in the file itself; an SVG inside one would be read by
// librsvg again, with its own references, so only raster data is taken.
bool embedded_raster(std::string_view v) {
  return starts_with(v, "data:image/png") || starts_with(v, "data:image/jpeg") || starts_with(v, "data:image/jpg");
}

[[noreturn]] void refuse(std::string_view what) {
  throw ImageError("the SVG refers to " + std::string(what) +
                   "; a figure must hold everything it shows, so it is refused before it is drawn");
}

// Every url(…) in CSS or an attribute must point into the file (#id).
void check_css(std::string_view text) {
  if (text.find("@import") != std::string_view::npos) refuse("a style sheet (@import)");
  for (std::size_t at = text.find("url("); at != std::string_view::npos; at = text.find("url(", at + 4)) {
    std::string_view target = trimmed(text.substr(at + 4));
    if (!target.empty() && (target.front() == '"' || target.front() == '\'')) target.remove_prefix(1);
    if (!starts_with(target, "#") && !embedded_raster(target))
      refuse("'" + std::string(target.substr(0, std::min<std::size_t>(target.find(')'), 60))) + "'");
  }
}

std::string_view local_name(std::string_view name) {
  const auto colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// Refuses, before librsvg sees the file, whatever could make it read
// another file or a URL: href and xlink:href outside the file, url(…) and
// @import in styles, XInclude, entity declarations. Iterative.
void check_references(std::string_view bytes) {
  if (bytes.find("<!ENTITY") != std::string_view::npos) refuse("entities it declares");
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  if (!parsed) throw ImageError(std::string("the SVG is not well-formed XML (") + parsed.description() + ")");
  const pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "svg") throw ImageError("the XML file is not an SVG image (its root is <" + std::string(root.name()) + ">)");
  std::vector<pugi::xml_node> pending{root};
  while (!pending.empty()) {
    const pugi::xml_node node = pending.back();
    pending.pop_back();
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (local_name(node.parent().name()) == "style") check_css(node.value());
      continue;
    }
    if (node.type() != pugi::node_element) continue;
    if (local_name(node.name()) == "include") refuse("another file (XInclude)");
    for (const pugi::xml_attribute a : node.attributes()) {
      const std::string_view value = trimmed(a.value());
      if (local_name(a.name()) == "href" && !starts_with(value, "#") && !embedded_raster(value))
        refuse("'" + std::string(value.substr(0, 60)) + "'");
      check_css(value);
    }
    for (pugi::xml_node child = node.first_child(); child; child = child.next_sibling()) pending.push_back(child);
  }
}

struct GObjectUnref {
  void operator()(void* o) const { g_object_unref(o); }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

// A GError's message, the error freed.
std::string message(GError* error) {
  std::string m = error ? error->message : "unknown error";
  if (error) g_error_free(error);
  return m;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

bool is_svg(std::string_view bytes) {
  const std::string_view head = trimmed(bytes.substr(0, 4096));
  return starts_with(head, "<") && head.find("<svg") != std::string_view::npos;
}

std::string svg_to_pdf(std::string_view bytes) {
  check_references(bytes);
  GError* error = nullptr;
  // No base file: librsvg resolves nothing relative to this machine's folders.
  const std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(), &error));
  if (!handle) throw ImageError("the SVG cannot be read: " + message(error));
  rsvg_handle_set_dpi(handle.get(), 96);
  double w = 0, h = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h)) {
    gboolean has_viewbox = FALSE;
    RsvgRectangle viewbox{};
    rsvg_handle_get_intrinsic_dimensions(handle.get(), nullptr, nullptr, nullptr, nullptr, &has_viewbox, &viewbox);
    if (!has_viewbox) throw ImageError("the SVG states no size (no width and height, no viewBox)");
    w = viewbox.width;
    h = viewbox.height;
  }
  w *= kPointsPerPixel;
  h *= kPointsPerPixel;
  if (!(w >= 1 && h >= 1 && w <= kMaxSide && h <= kMaxSide))
    throw ImageError("the SVG's size is out of range (" + std::to_string(w) + " × " + std::to_string(h) + " pt)");
  std::string pdf;
  {
    const std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> surface(cairo_pdf_surface_create_for_stream(append, &pdf, w, h));
    {
      const std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
      const RsvgRectangle viewport{0, 0, w, h};
      if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error))
        throw ImageError("the SVG cannot be drawn: " + message(error));
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      throw ImageError(std::string("the SVG cannot be drawn: ") + cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pdf;
}

}  // namespace shiryo::image
