#include "text/char_class.h"

#include <string_view>

namespace shiryo::text {
namespace {

bool in(std::u32string_view set, char32_t cp) { return set.find(cp) != std::u32string_view::npos; }

constexpr std::u32string_view kOpening = U"（「『【〔〈《［｛〘〖“‘";
constexpr std::u32string_view kClosing = U"）」』】〕〉》］｝〙〗”’、。，．";
constexpr std::u32string_view kMiddle = U"・：；";
constexpr std::u32string_view kNeverStart =
    U"）」』】〕〉》］｝〙〗”’、。，．・：；？！ーゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    // JLREQ's hyphens (cl-03): the wave dash of a range (R4～R6年度) stays on
    // the line of the range's start.
    U"〜～゠‐–"
    U")]},.:;?!%";

}  // namespace

CharClass classify(char32_t cp) {
  // Most characters of a packet are kanji or kana: answer those first.
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA)) {
    return CharClass::ideographic;
  }
  if (cp == U' ' || cp == U'　') return CharClass::space;
  if (in(kOpening, cp)) return CharClass::opening;
  if (in(kClosing, cp)) return CharClass::closing;
  if (in(kMiddle, cp)) return CharClass::middle;
  if (cp > 0x20 && cp < 0x7F) return CharClass::latin;
  if ((cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
      (cp >= 0xFF01 && cp <= 0xFF5E) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x2460 && cp <= 0x24FF) ||
      (cp >= 0x2160 && cp <= 0x217F) || (cp >= 0x25A0 && cp <= 0x25FF) || (cp >= 0x3200 && cp <= 0x33FF) ||
      (cp >= 0x20000 && cp <= 0x2FFFF) || cp == U'※' || cp == U'～' || cp == U'―' || cp == U'…') {
    return CharClass::ideographic;
  }
  return CharClass::other;
}

bool never_starts_line(char32_t cp) {
  // Kanji never are; small kana and marks are checked against the list.
  if (cp >= 0x4E00 && cp <= 0x9FFF) return false;
  return in(kNeverStart, cp);
}

bool never_ends_line(char32_t cp) { return in(kOpening, cp) || cp == U'(' || cp == U'[' || cp == U'{'; }

bool is_hangable(char32_t cp) { return cp == U'、' || cp == U'。' || cp == U'，' || cp == U'．'; }

}  // namespace shiryo::text
