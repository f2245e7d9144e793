// Shaping: text split by which face of a role covers each character, shaped
// once per (face, text) with HarfBuzz at the face's own units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/font.h"

namespace shiryo::text {

struct ShapedGlyph {
  uint32_t glyph = 0;
  int32_t advance = 0;   // font units
  uint32_t cluster = 0;  // byte offset of the glyph's characters in the shaped text
};

struct FontSpan {
  std::size_t begin = 0, end = 0;  // bytes of the text
  const Font* font = nullptr;
};

struct Itemization {
  std::vector<FontSpan> spans;       // a span whose font is null holds characters no face has
  std::vector<std::size_t> missing;  // byte offsets of those characters
};

// Each character goes to the first face of the chain that has it.
Itemization itemize(const FontChain& chain, std::string_view text);

// Shapes are independent of size (font units), so one cache serves every
// size and every repetition of a text across the packet.
class ShapeCache {
 public:
  ShapeCache();
  const std::vector<ShapedGlyph>& shape(const Font& font, std::string_view text);

 private:
  struct Key {
    const Font* font;
    std::string text;
  };
  // Looked up by a view of the text, so a hit allocates nothing.
  struct KeyView {
    const Font* font;
    std::string_view text;
  };
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(const KeyView& k) const {
      return std::hash<std::string_view>()(k.text) ^ (std::hash<const void*>()(k.font) << 1);
    }
    std::size_t operator()(const Key& k) const { return (*this)(KeyView{k.font, k.text}); }
  };
  struct KeyEqual {
    using is_transparent = void;
    static KeyView view(const Key& k) { return {k.font, k.text}; }
    static KeyView view(const KeyView& k) { return k; }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return view(a).font == view(b).font && view(a).text == view(b).text;
    }
  };
  std::unordered_map<Key, std::vector<ShapedGlyph>, KeyHash, KeyEqual> cache_;
  HbBuffer buffer_;
};

}  // namespace shiryo::text
