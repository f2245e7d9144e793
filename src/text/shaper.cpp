#include "text/shaper.h"

#include "diag/source_file.h"

namespace shiryo::text {

Itemization itemize(const FontChain& chain, std::string_view text) {
  Itemization out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = diag::decode_utf8(text, i);
    const Font* chosen = nullptr;
    for (const Font* f : chain.faces) {
      if (f->has_glyph(cp)) {
        chosen = f;
        break;
      }
    }
    if (!chosen) out.missing.push_back(start);
    if (!out.spans.empty() && out.spans.back().font == chosen) {
      out.spans.back().end = i;
    } else {
      out.spans.push_back({start, i, chosen});
    }
  }
  return out;
}

ShapeCache::ShapeCache() : buffer_(hb_buffer_create()) {}

const std::vector<ShapedGlyph>& ShapeCache::shape(const Font& font, std::string_view text) {
  if (auto it = cache_.find(KeyView{&font, text}); it != cache_.end()) return it->second;

  hb_buffer_t* buf = buffer_.get();
  hb_buffer_reset(buf);
  hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0,
                     static_cast<int>(text.size()));
  hb_buffer_set_language(buf, hb_language_from_string("ja", -1));
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_buffer_guess_segment_properties(buf);
  hb_shape(font.hb_font(), buf, nullptr, 0);

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
  std::vector<ShapedGlyph> glyphs;
  glyphs.reserve(count);
  for (unsigned k = 0; k < count; ++k) {
    glyphs.push_back({info[k].codepoint, pos[k].x_advance, info[k].cluster});
  }
  return cache_.emplace(Key{&font, std::string(text)}, std::move(glyphs)).first->second;
}

}  // namespace shiryo::text
