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

// A face's subset for its /FontFile2 stream, deflated.
struct FontFile {
  std::string deflated;
  unsigned length = 0;  // before Flate: /Length1
};

// The subsets of the faces of `usage`, in its order: hb-subset and Flate of
// megabytes, the slow part of embedding, and independent of the document,
// so the writer makes them while it builds the pages. Throws
// std::runtime_error when hb-subset fails (a broken font file).
std::vector<FontFile> font_files(const GlyphUsage& usage);

// Makes the font objects of every face of `usage`; their /FontFile2 objects,
// in the order of `usage`, go to `files` with empty streams for
// set_font_files, so that the object numbers do not wait for the subsets.
std::map<const text::Font*, EmbeddedFont> embed_fonts(const GlyphUsage& usage, PoDoFo::PdfMemDocument& document,
                                                      std::vector<PoDoFo::PdfObject*>& files);
void set_font_files(const std::vector<PoDoFo::PdfObject*>& files, const std::vector<FontFile>& data);

// Both at once.
std::map<const text::Font*, EmbeddedFont> embed_fonts(const GlyphUsage& usage,
                                                      PoDoFo::PdfMemDocument& document);

// The six-letter subset tag: a function of the face and its glyph set.
std::string subset_tag(const std::string& postscript_name, const std::map<uint32_t, std::u32string>& glyphs);

// The /ToUnicode CMap text for a glyph → characters map.
std::string to_unicode_cmap(const std::map<uint32_t, std::u32string>& glyphs);

}  // namespace shiryo::pdf
