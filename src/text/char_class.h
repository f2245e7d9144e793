// The character classes of JLREQ that line breaking and spacing need
// (japanese-typesetting.md): which characters never start or end a line,
// which are full-width punctuation with a half-em blank, which are Japanese
// and which Latin.
#pragma once

namespace shiryo::text {

enum class CharClass {
  opening,      // （「『【〔〈《［｛: blank on the left half
  closing,      // ）」』】〕〉》］｝ and 、。，．: blank on the right half
  middle,       // ・：；: blank on both sides
  ideographic,  // kanji, kana and other full-width characters
  latin,        // letters, digits and symbols of the half-width Latin set
  space,        // U+0020 and U+3000
  other,
};

CharClass classify(char32_t cp);

// Rule 1 of the break table: closing brackets, 、。，．, ・：；, ？！, ー,
// iteration marks and small kana never start a line.
bool never_starts_line(char32_t cp);
// Rule 2: opening brackets never end a line.
bool never_ends_line(char32_t cp);
// 、 and 。, which may hang past the line's end (ぶら下げ).
bool is_hangable(char32_t cp);

}  // namespace shiryo::text
