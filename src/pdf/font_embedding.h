// Fonts as PDF objects: each face once, as a Type0 font with Identity-H
// encoding over a CIDFontType2 subset made by hb-subset (glyph ids kept, so
// CIDs equal the face's glyph ids), with /W widths and a /ToUnicode CMap
// built from the characters each glyph showed.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "layout/fragment.h"
#include "text/font.h"

namespace shiryo::pdf {

// The glyphs a face shows across the packet and the text behind each.
class GlyphUsage {
 public:
  void add(const layout::GlyphRun& run);
  // Faces in order of first use, so resource names are stable.
  const std::vector<const text::Font*>& fonts() const { return order_; }
  const std::map<uint32_t, std::u32string>& glyphs(const text::Font* font) const {
    return glyphs_.at(font);
  }

 private:
  std::vector<const text::Font*> order_;
  std::map<const text::Font*, std::map<uint32_t, std::u32string>> glyphs_;
};

struct EmbeddedFont {
  std::string resource_name;  // F1, F2, …
  PoDoFo::PdfReference reference;
};

// Embeds every face of `usage`; nullopt-free: throws std::runtime_error when
// hb-subset fails (a broken font file).
std::map<const text::Font*, EmbeddedFont> embed_fonts(const GlyphUsage& usage,
                                                      PoDoFo::PdfMemDocument& document);

// The six-letter subset tag: a function of the face and its glyph set.
std::string subset_tag(const std::string& postscript_name, const std::map<uint32_t, std::u32string>& glyphs);

// The /ToUnicode CMap text for a glyph → characters map.
std::string to_unicode_cmap(const std::map<uint32_t, std::u32string>& glyphs);

}  // namespace shiryo::pdf
