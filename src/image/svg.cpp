#include "image/svg.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pugixml.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

#include "dl/shared_library.h"
#include "image/image.h"

namespace shiryo::image {
namespace {

constexpr double kMaxSide = 14400;  // points, PDF's own limit on a page
constexpr double kPointsPerPixel = 72.0 / 96.0;

bool blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trimmed(std::string_view v) {
  while (!v.empty() && blank(v.front())) v.remove_prefix(1);
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

// A font-family list split into its names, unquoted, blanks collapsed;
// CSS-wide keywords dropped.
std::vector<std::string> family_names(std::string_view list) {
  std::vector<std::string> names;
  std::string name;
  char quote = 0;
  auto finish = [&] {
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!name.empty() && name != "inherit" && name != "initial" && name != "unset" && name != "revert") names.push_back(name);
    name.clear();
  };
  for (const char c : list) {
    if (quote) {
      if (c == quote) quote = 0;
      else name += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == ',') {
      finish();
    } else if (blank(c)) {
      if (!name.empty() && name.back() != ' ') name += ' ';
    } else {
      name += c;
    }
  }
  finish();
  return names;
}

// The family list of a `font` shorthand: what follows its size and any
// /line-height; empty for a system font keyword (caption, menu…).
std::string_view shorthand_families(std::string_view value) {
  static const std::set<std::string_view> sizes{"xx-small", "x-small", "small",   "medium", "large",
                                                "x-large",  "xx-large", "smaller", "larger"};
  // Each token's end, in order; families are never in the first tokens.
  std::vector<std::pair<std::size_t, std::size_t>> tokens;
  for (std::size_t at = 0; at < value.size();) {
    if (blank(value[at])) {
      ++at;
      continue;
    }
    std::size_t end = at;
    while (end < value.size() && !blank(value[end]) && value[end] != '"' && value[end] != '\'') ++end;
    if (end == at) break;  // a quoted family: the size came before it
    tokens.emplace_back(at, end);
    at = end;
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view token = value.substr(tokens[i].first, tokens[i].second - tokens[i].first);
    const char first = token.front();
    if (!((first >= '0' && first <= '9') || first == '.' || sizes.count(token.substr(0, token.find('/'))))) continue;
    std::size_t from = tokens[i].second;
    if (token.find('/') == std::string_view::npos && i + 1 < tokens.size() && value[tokens[i + 1].first] == '/') {
      // "/1.5" or "/ 1.5": the line height.
      const bool bare = tokens[i + 1].second - tokens[i + 1].first == 1;
      const std::size_t lh = i + (bare ? 2 : 1);
      from = lh < tokens.size() ? tokens[lh].second : value.size();
    }
    return value.substr(from);
  }
  return {};
}

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'; }

// The font-family lists that `font-family` and `font` declarations of CSS
// text (a style sheet or a style attribute) name.
void css_font_lists(std::string_view css, std::vector<std::vector<std::string>>& out) {
  for (std::size_t at = css.find("font"); at != std::string_view::npos; at = css.find("font", at + 4)) {
    if (at > 0 && name_char(css[at - 1])) continue;
    std::size_t end = at + 4;
    const bool family = css.substr(end, 7) == "-family";
    if (family) end += 7;
    while (end < css.size() && blank(css[end])) ++end;
    if (end >= css.size() || css[end] != ':') continue;
    std::size_t stop = end + 1;
    char quote = 0;
    for (; stop < css.size(); ++stop) {
      const char c = css[stop];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ';' || c == '}' || c == '!') {
        break;
      }
    }
    const std::string_view value = css.substr(end + 1, stop - end - 1);
    out.push_back(family_names(family ? value : shorthand_families(value)));
  }
}

// Refuses, before librsvg sees the file, whatever could make it read
// another file or a URL: href and xlink:href outside the file, url(…) and
// @import in styles, XInclude, entity declarations. Iterative. Returns the
// font-family lists the file names, in document order.
std::vector<std::vector<std::string>> check_references(std::string_view bytes) {
  if (bytes.find("<!ENTITY") != std::string_view::npos) refuse("entities it declares");
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default);
  if (!parsed) throw ImageError(std::string("the SVG is not well-formed XML (") + parsed.description() + ")");
  const pugi::xml_node root = doc.document_element();
  if (local_name(root.name()) != "svg") throw ImageError("the XML file is not an SVG image (its root is <" + std::string(root.name()) + ">)");
  std::vector<std::vector<std::string>> fonts;
  std::vector<pugi::xml_node> pending{root};
  while (!pending.empty()) {
    const pugi::xml_node node = pending.back();
    pending.pop_back();
    if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
      if (local_name(node.parent().name()) == "style") {
        check_css(node.value());
        css_font_lists(node.value(), fonts);
      }
      continue;
    }
    if (node.type() != pugi::node_element) continue;
    if (local_name(node.name()) == "include") refuse("another file (XInclude)");
    for (const pugi::xml_attribute a : node.attributes()) {
      const std::string_view value = trimmed(a.value());
      const std::string_view name = a.name();
      if (local_name(name) == "href" && !starts_with(value, "#") && !embedded_raster(value))
        refuse("'" + std::string(value.substr(0, 60)) + "'");
      check_css(value);
      if (name == "font-family") fonts.push_back(family_names(value));
      if (name == "style") css_font_lists(value, fonts);
    }
    // Last child first onto the stack: the file is walked in document order.
    for (pugi::xml_node child = node.last_child(); child; child = child.previous_sibling()) pending.push_back(child);
  }
  return fonts;
}

// librsvg and what it draws with, opened on the first SVG figure (fontconfig
// is linked: PoDoFo needs it at start anyway).
struct SvgLibraries {
  dl::SharedLibrary glib{"libglib-2.0.so.0", "libglib2.0-0"};
  dl::SharedLibrary gobject{"libgobject-2.0.so.0", "libglib2.0-0"};
  dl::SharedLibrary cairo{"libcairo.so.2", "libcairo2"};
  dl::SharedLibrary pangocairo{"libpangocairo-1.0.so.0", "libpangocairo-1.0-0"};
  dl::SharedLibrary pangoft2{"libpangoft2-1.0.so.0", "libpangoft2-1.0-0"};
  dl::SharedLibrary rsvg{"librsvg-2.so.2", "librsvg2-2"};
  SHIRYO_DL_FUNCTION(glib, g_error_free);
  SHIRYO_DL_FUNCTION(gobject, g_object_unref);
  SHIRYO_DL_FUNCTION(cairo, cairo_create);
  SHIRYO_DL_FUNCTION(cairo, cairo_destroy);
  SHIRYO_DL_FUNCTION(cairo, cairo_pdf_surface_create_for_stream);
  SHIRYO_DL_FUNCTION(cairo, cairo_surface_finish);
  SHIRYO_DL_FUNCTION(cairo, cairo_surface_status);
  SHIRYO_DL_FUNCTION(cairo, cairo_surface_destroy);
  SHIRYO_DL_FUNCTION(cairo, cairo_status_to_string);
  SHIRYO_DL_FUNCTION(pangocairo, pango_cairo_font_map_new_for_font_type);
  SHIRYO_DL_FUNCTION(pangocairo, pango_cairo_font_map_set_default);
  SHIRYO_DL_FUNCTION(pangoft2, pango_fc_font_map_set_config);
  SHIRYO_DL_FUNCTION(rsvg, rsvg_handle_new_from_data);
  SHIRYO_DL_FUNCTION(rsvg, rsvg_handle_set_dpi);
  SHIRYO_DL_FUNCTION(rsvg, rsvg_handle_get_intrinsic_size_in_pixels);
  SHIRYO_DL_FUNCTION(rsvg, rsvg_handle_get_intrinsic_dimensions);
  SHIRYO_DL_FUNCTION(rsvg, rsvg_handle_render_document);
};

// Opened once for the process, on first use; a failure is an ImageError of
// the figure, and the next SVG tries again.
const SvgLibraries& svg_libraries() {
  try {
    static const SvgLibraries libraries;
    return libraries;
  } catch (const dl::LoadError& e) {
    throw ImageError(std::string("SVG figures cannot be drawn: ") + e.what());
  }
}

struct GObjectUnref {
  void operator()(void* o) const { svg_libraries().g_object_unref(o); }
};
struct CairoSurfaceDestroy {
  void operator()(cairo_surface_t* s) const { svg_libraries().cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { svg_libraries().cairo_destroy(c); }
};

// A GError's message, the error freed.
std::string message(GError* error) {
  std::string m = error ? error->message : "unknown error";
  if (error) svg_libraries().g_error_free(error);
  return m;
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct FcConfigRelease {
  void operator()(FcConfig* c) const { ::FcConfigDestroy(c); }
};

// A family name as fontconfig compares it: ASCII case and blanks ignored.
std::string folded(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (blank(c)) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }

// Whether a family the faces lack is a serif design by its name: 明朝 and
// Mincho, Times, and serif families that are not sans-serif.
bool serif_name(std::string_view name) {
  const std::string f = folded(name);
  return contains(f, "mincho") || contains(f, "明朝") || contains(f, "times") ||
         (contains(f, "serif") && !contains(f, "sans"));
}

std::string xml_escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

// More distinct families than this in one SVG get no rule of their own;
// they fall to the catch-all face like text with no family.
constexpr std::size_t kMaxFamilies = 256;

// The fontconfig of one SVG: the faces' files and nothing else, no system
// configuration, and a rule for each family the SVG names that the faces
// lack, so that fontconfig never looks past the font set.
struct SvgFontConfig {
  std::unique_ptr<FcConfig, FcConfigRelease> config;
  std::vector<std::string> substituted;
};

SvgFontConfig font_config(const std::vector<SvgFace>& faces, const std::vector<std::vector<std::string>>& lists) {
  SvgFontConfig out{std::unique_ptr<FcConfig, FcConfigRelease>(FcConfigCreate()), {}};
  if (!out.config) throw ImageError("fontconfig cannot be set up to draw the SVG's text");
  for (const auto& face : faces) {
    if (!FcConfigAppFontAddFile(out.config.get(), reinterpret_cast<const FcChar8*>(face.file.c_str())))
      throw ImageError("fontconfig cannot read the font file " + face.file + " to draw the SVG's text");
  }
  // Each face's families (English name first), by file.
  std::map<std::string, std::vector<std::string>> families_of;
  std::set<std::string> known;
  if (FcFontSet* set = FcConfigGetFonts(out.config.get(), FcSetApplication)) {
    for (int i = 0; i < set->nfont; ++i) {
      FcChar8* file = nullptr;
      if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch) continue;
      auto& names = families_of[reinterpret_cast<const char*>(file)];
      FcChar8* family = nullptr;
      for (int n = 0; FcPatternGetString(set->fonts[i], FC_FAMILY, n, &family) == FcResultMatch; ++n) {
        names.emplace_back(reinterpret_cast<const char*>(family));
        known.insert(folded(names.back()));
      }
    }
  }
  std::string serif, sans;  // the families fallbacks are drawn in
  for (const auto& face : faces) {
    const auto found = families_of.find(face.file);
    if (found == families_of.end() || found->second.empty()) continue;
    std::string& slot = face.serif ? serif : sans;
    if (slot.empty()) slot = found->second.front();
  }
  if (serif.empty()) serif = sans;
  if (sans.empty()) sans = serif;
  if (sans.empty()) throw ImageError("the font set has no face fontconfig can use to draw the SVG's text");

  static const std::set<std::string> serif_generics{"serif", "ui-serif", "fangsong"};
  static const std::set<std::string> sans_generics{"sans-serif", "sans",      "monospace",  "cursive",       "fantasy",
                                                   "system-ui",  "ui-sans-serif", "ui-monospace", "ui-rounded", "emoji", "math"};
  // Each family the faces lack, and what it is drawn in: the serif or
  // other face as the CSS fallback after it in its list asks (a generic
  // family or one of the set's), else as its own name suggests.
  std::map<std::string, std::pair<std::string, std::string>> rules;  // folded name → (as written, family drawn)
  std::vector<std::pair<std::string, std::string>> order;  // as written, in the order met
  for (const auto& list : lists) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string key = folded(list[i]);
      if (known.count(key) || rules.count(key) || rules.size() >= kMaxFamilies) continue;
      if (key.empty() || std::any_of(key.begin(), key.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        continue;
      const bool generic_serif = serif_generics.count(key) > 0;
      const bool generic = generic_serif || sans_generics.count(key) > 0;
      std::string drawn = generic ? (generic_serif ? serif : sans) : serif_name(list[i]) ? serif : sans;
      bool listed_fallback = false;
      for (std::size_t j = i + 1; !generic && j < list.size(); ++j) {
        const std::string next = folded(list[j]);
        if (known.count(next)) {
          drawn = list[j];
          listed_fallback = true;
          break;
        }
        if (serif_generics.count(next) || sans_generics.count(next)) {
          drawn = serif_generics.count(next) ? serif : sans;
          break;
        }
      }
      rules.emplace(key, std::pair(list[i], drawn));
      // A generic family, or one whose list falls back to a family of the
      // set, is drawn as written; any other is worth a warning.
      if (!generic && !listed_fallback) order.emplace_back(list[i], drawn);
    }
  }
  std::string xml = "<?xml version=\"1.0\"?>\n<fontconfig>\n";
  for (const auto& [key, rule] : rules) {
    const auto& [name, drawn] = rule;
    xml += "<match target=\"pattern\"><test name=\"family\" ignore-blanks=\"true\"><string>" + xml_escaped(name) +
           "</string></test><edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>" + xml_escaped(drawn) +
           "</string></edit></match>\n";
  }
  // Last in every list: text with no family (librsvg asks for its initial
  // one) and families past the limit.
  xml += "<match target=\"pattern\"><edit name=\"family\" mode=\"append_last\" binding=\"strong\"><string>" +
         xml_escaped(sans) + "</string></edit></match>\n</fontconfig>\n";
  if (!FcConfigParseAndLoadFromMemory(out.config.get(), reinterpret_cast<const FcChar8*>(xml.c_str()), FcFalse))
    throw ImageError("fontconfig cannot be set up to draw the SVG's text");
  for (const auto& [name, drawn] : order) out.substituted.push_back("'" + name + "' (drawn in " + drawn + ")");
  return out;
}

// librsvg lays text out with pango's default font map of the calling
// thread; for as long as this lives that map is one that sees only the
// SVG's fontconfig. Afterwards the thread has pango's own default again.
class FontMapScope {
 public:
  // The map is made for FreeType fonts, so it is a PangoFcFontMap as well
  // as a PangoCairoFontMap; plain casts, since GLib's checked casts would
  // call the type functions of libraries that are not linked.
  explicit FontMapScope(FcConfig* config)
      : map_(svg_libraries().pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT)) {
    if (!map_) throw ImageError("pango cannot be set up to draw the SVG's text");
    svg_libraries().pango_fc_font_map_set_config(reinterpret_cast<PangoFcFontMap*>(map_.get()), config);
    svg_libraries().pango_cairo_font_map_set_default(reinterpret_cast<PangoCairoFontMap*>(map_.get()));
  }
  ~FontMapScope() { svg_libraries().pango_cairo_font_map_set_default(nullptr); }
  FontMapScope(const FontMapScope&) = delete;
  FontMapScope& operator=(const FontMapScope&) = delete;

 private:
  std::unique_ptr<PangoFontMap, GObjectUnref> map_;
};

}  // namespace

bool is_svg(std::string_view bytes) {
  const std::string_view head = trimmed(bytes.substr(0, 4096));
  return starts_with(head, "<") && head.find("<svg") != std::string_view::npos;
}

SvgPage svg_to_pdf(std::string_view bytes, const std::vector<SvgFace>& faces) {
  const auto font_lists = check_references(bytes);
  const SvgLibraries& lib = svg_libraries();
  GError* error = nullptr;
  // No base file: librsvg resolves nothing relative to this machine's folders.
  const std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      lib.rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(bytes.data()), bytes.size(), &error));
  if (!handle) throw ImageError("the SVG cannot be read: " + message(error));
  lib.rsvg_handle_set_dpi(handle.get(), 96);
  double w = 0, h = 0;
  if (!lib.rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &w, &h)) {
    gboolean has_viewbox = FALSE;
    RsvgRectangle viewbox{};
    lib.rsvg_handle_get_intrinsic_dimensions(handle.get(), nullptr, nullptr, nullptr, nullptr, &has_viewbox, &viewbox);
    if (!has_viewbox) throw ImageError("the SVG states no size (no width and height, no viewBox)");
    w = viewbox.width;
    h = viewbox.height;
  }
  w *= kPointsPerPixel;
  h *= kPointsPerPixel;
  if (!(w >= 1 && h >= 1 && w <= kMaxSide && h <= kMaxSide))
    throw ImageError("the SVG's size is out of range (" + std::to_string(w) + " × " + std::to_string(h) + " pt)");
  SvgFontConfig fonts = font_config(faces, font_lists);
  SvgPage page{{}, std::move(fonts.substituted)};
  std::string& pdf = page.pdf;
  {
    const FontMapScope font_map(fonts.config.get());
    const std::unique_ptr<cairo_surface_t, CairoSurfaceDestroy> surface(lib.cairo_pdf_surface_create_for_stream(append, &pdf, w, h));
    {
      const std::unique_ptr<cairo_t, CairoDestroy> cr(lib.cairo_create(surface.get()));
      const RsvgRectangle viewport{0, 0, w, h};
      if (!lib.rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error))
        throw ImageError("the SVG cannot be drawn: " + message(error));
    }
    lib.cairo_surface_finish(surface.get());
    if (lib.cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
      throw ImageError(std::string("the SVG cannot be drawn: ") + lib.cairo_status_to_string(lib.cairo_surface_status(surface.get())));
  }
  return page;
}

}  // namespace shiryo::image
