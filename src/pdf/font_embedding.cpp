#include "pdf/font_embedding.h"

#include <hb-subset.h>

#include <cstdio>
#include <stdexcept>

#include "diag/source_file.h"
#include "pdf/digest.h"
#include "pdf/objects.h"

namespace shiryo::pdf {
namespace {

using namespace PoDoFo;

struct SubsetInputDeleter {
  void operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
};

std::string hex4(uint32_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(v & 0xFFFF));
  return buf;
}

std::string utf16_hex(const std::u32string& text) {
  std::string out;
  for (char32_t cp : text) {
    if (cp >= 0x10000) {
      const uint32_t v = static_cast<uint32_t>(cp) - 0x10000;
      out += hex4(0xD800 + (v >> 10));
      out += hex4(0xDC00 + (v & 0x3FF));
    } else {
      out += hex4(static_cast<uint32_t>(cp));
    }
  }
  return out;
}

text::HbBlob subset_font(const text::Font& font, const std::map<uint32_t, std::u32string>& glyphs) {
  std::unique_ptr<hb_subset_input_t, SubsetInputDeleter> input(hb_subset_input_create_or_fail());
  if (!input) throw std::runtime_error("hb-subset: out of memory");
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
  hb_set_add(glyph_set, 0);
  for (const auto& entry : glyphs) hb_set_add(glyph_set, entry.first);
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG"}) {
    hb_set_add(drop, hb_tag_from_string(tag, 4));
  }
  hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_RETAIN_GIDS);
  text::HbFace subset(hb_subset_or_fail(font.hb_face(), input.get()));
  if (!subset) throw std::runtime_error("hb-subset failed for " + font.path());
  return text::HbBlob(hb_face_reference_blob(subset.get()));
}

// /W: runs of consecutive glyph ids share one array of widths.
PdfArray widths(const text::Font& font, const std::map<uint32_t, std::u32string>& glyphs) {
  PdfArray w;
  const double scale = 1000.0 / font.units_per_em();
  auto it = glyphs.begin();
  while (it != glyphs.end()) {
    const uint32_t first = it->first;
    PdfArray run;
    uint32_t expect = first;
    while (it != glyphs.end() && it->first == expect) {
      run.push_back(PdfObject(static_cast<pdf_int64>(font.advance(it->first) * scale + 0.5)));
      ++expect;
      ++it;
    }
    w.push_back(PdfObject(static_cast<pdf_int64>(first)));
    w.push_back(run);
  }
  return w;
}

PdfObject integer(long long v) { return PdfObject(static_cast<pdf_int64>(v)); }

}  // namespace

void GlyphUsage::add(const layout::GlyphRun& run) {
  auto [it, inserted] = glyphs_.try_emplace(run.font);
  if (inserted) order_.push_back(run.font);
  auto& table = it->second;
  for (std::size_t k = 0; k < run.glyphs.size(); ++k) {
    const uint32_t cluster = run.glyphs[k].cluster;
    const bool first_of_cluster = k == 0 || run.glyphs[k - 1].cluster != cluster;
    std::size_t end = run.text.size();
    for (std::size_t n = k + 1; n < run.glyphs.size(); ++n) {
      if (run.glyphs[n].cluster != cluster) {
        end = run.glyphs[n].cluster;
        break;
      }
    }
    std::u32string chars;
    if (first_of_cluster) {
      for (std::size_t i = cluster; i < end;) chars += diag::decode_utf8(run.text, i);
    }
    auto& slot = table[run.glyphs[k].glyph];
    if (slot.empty()) slot = chars;
  }
}

std::string subset_tag(const std::string& postscript_name,
                       const std::map<uint32_t, std::u32string>& glyphs) {
  std::string key = postscript_name;
  for (const auto& entry : glyphs) {
    const uint32_t g = entry.first;
    for (int shift = 24; shift >= 0; shift -= 8) key += static_cast<char>((g >> shift) & 0xFF);
  }
  const auto digest = sha256(key);
  std::string tag;
  for (int i = 0; i < 6; ++i) tag += static_cast<char>('A' + digest[static_cast<std::size_t>(i)] % 26);
  return tag;
}

std::string to_unicode_cmap(const std::map<uint32_t, std::u32string>& glyphs) {
  std::vector<std::pair<uint32_t, const std::u32string*>> entries;
  for (const auto& [glyph, chars] : glyphs) {
    if (!chars.empty()) entries.emplace_back(glyph, &chars);
  }
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  // A bfchar block holds at most 100 entries.
  for (std::size_t i = 0; i < entries.size(); i += 100) {
    const std::size_t n = std::min<std::size_t>(100, entries.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t k = i; k < i + n; ++k) {
      out += "<" + hex4(entries[k].first) + "> <" + utf16_hex(*entries[k].second) + ">\n";
    }
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

std::vector<FontFile> font_files(const GlyphUsage& usage) {
  std::vector<FontFile> out;
  for (const text::Font* font : usage.fonts()) {
    const text::HbBlob blob = subset_font(*font, usage.glyphs(font));
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob.get(), &length);
    out.push_back({flate(std::string_view(data, length)), length});
  }
  return out;
}

void set_font_files(const std::vector<PdfObject*>& files, const std::vector<FontFile>& data) {
  if (files.size() != data.size()) throw std::logic_error("font files and font objects differ in number");
  for (std::size_t i = 0; i < files.size(); ++i) {
    set_flate_stream(*files[i], data[i].deflated);
    files[i]->GetDictionary().AddKey("Length1", integer(data[i].length));
  }
}

std::map<const text::Font*, EmbeddedFont> embed_fonts(const GlyphUsage& usage, PdfMemDocument& document) {
  std::vector<PdfObject*> files;
  auto out = embed_fonts(usage, document, files);
  set_font_files(files, font_files(usage));
  return out;
}

std::map<const text::Font*, EmbeddedFont> embed_fonts(const GlyphUsage& usage, PdfMemDocument& document,
                                                      std::vector<PdfObject*>& files) {
  std::map<const text::Font*, EmbeddedFont> out;
  int index = 1;
  for (const text::Font* font : usage.fonts()) {
    const auto& glyphs = usage.glyphs(font);
    const double scale = 1000.0 / font->units_per_em();
    const text::FaceMetrics& m = font->metrics();
    const std::string base_font = subset_tag(font->postscript_name(), glyphs) + "+" + font->postscript_name();

    PdfObject* file = document.GetObjects().CreateObject();
    files.push_back(file);

    PdfObject* descriptor = document.GetObjects().CreateObject("FontDescriptor");
    PdfDictionary& d = descriptor->GetDictionary();
    d.AddKey("FontName", PdfName(base_font));
    // Flags: symbolic (4), plus serif (2) and fixed pitch (1) as the face says.
    d.AddKey("Flags", integer(4 + (m.serif ? 2 : 0) + (m.fixed_pitch ? 1 : 0)));
    PdfArray bbox;
    for (int v : m.bbox) bbox.push_back(integer(static_cast<long long>(v * scale)));
    d.AddKey("FontBBox", bbox);
    d.AddKey("ItalicAngle", integer(m.italic_angle));
    d.AddKey("Ascent", integer(static_cast<long long>(m.ascender * scale)));
    d.AddKey("Descent", integer(static_cast<long long>(m.descender * scale)));
    d.AddKey("CapHeight", integer(static_cast<long long>(m.cap_height * scale)));
    d.AddKey("StemV", integer(80));
    d.AddKey("FontFile2", file->Reference());

    PdfObject* cid = document.GetObjects().CreateObject("Font");
    PdfDictionary& c = cid->GetDictionary();
    c.AddKey("Subtype", PdfName("CIDFontType2"));
    c.AddKey("BaseFont", PdfName(base_font));
    PdfDictionary info;
    info.AddKey("Registry", PdfString("Adobe"));
    info.AddKey("Ordering", PdfString("Identity"));
    info.AddKey("Supplement", integer(0));
    c.AddKey("CIDSystemInfo", info);
    c.AddKey("FontDescriptor", descriptor->Reference());
    c.AddKey("DW", integer(1000));
    c.AddKey("W", widths(*font, glyphs));
    c.AddKey("CIDToGIDMap", PdfName("Identity"));

    PdfObject* cmap = document.GetObjects().CreateObject();
    const std::string cmap_text = to_unicode_cmap(glyphs);
    cmap->GetStream()->Set(cmap_text.data(), cmap_text.size());

    PdfObject* type0 = document.GetObjects().CreateObject("Font");
    PdfDictionary& t = type0->GetDictionary();
    t.AddKey("Subtype", PdfName("Type0"));
    t.AddKey("BaseFont", PdfName(base_font));
    t.AddKey("Encoding", PdfName("Identity-H"));
    PdfArray descendants;
    descendants.push_back(cid->Reference());
    t.AddKey("DescendantFonts", descendants);
    t.AddKey("ToUnicode", cmap->Reference());

    out[font] = EmbeddedFont{"F" + std::to_string(index++), type0->Reference()};
  }
  return out;
}

}  // namespace shiryo::pdf
