#include "compute/numbering.h"

#include <array>
#include <string_view>

namespace shiryo::compute {
namespace {

std::string utf8(char32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

// Gojūon order, as item marks run in plans.
constexpr std::array<std::string_view, 46> kKana = {
    "ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ", "サ", "シ", "ス", "セ", "ソ", "タ",
    "チ", "ツ", "テ", "ト", "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ", "マ", "ミ",
    "ム", "メ", "モ", "ヤ", "ユ", "ヨ", "ラ", "リ", "ル", "レ", "ロ", "ワ", "ヲ", "ン"};

}  // namespace

std::string goal_numeral(std::size_t index) {
  // Ⅰ…Ⅻ are single characters (U+2160…U+216B); beyond twelve, digits.
  if (index < 12) return utf8(static_cast<char32_t>(0x2160 + index));
  return std::to_string(index + 1);
}

std::string area_numeral(std::size_t index) { return "(" + std::to_string(index + 1) + ")"; }

std::string item_numeral(std::size_t index) {
  if (index < kKana.size()) return std::string(kKana[index]);
  return std::to_string(index + 1);
}

std::string measure_numeral(std::size_t index) {
  // ①…⑳ (U+2460…), ㉑…㉟ (U+3251…), ㊱…㊿ (U+32B1…).
  if (index < 20) return utf8(static_cast<char32_t>(0x2460 + index));
  if (index < 35) return utf8(static_cast<char32_t>(0x3251 + index - 20));
  if (index < 50) return utf8(static_cast<char32_t>(0x32B1 + index - 35));
  return "(" + std::to_string(index + 1) + ")";
}

std::string classification(std::size_t goal, std::size_t area, std::size_t item) {
  return goal_numeral(goal) + "-" + classification_in_goal(area, item);
}

std::string classification_in_goal(std::size_t area, std::size_t item) {
  return area_numeral(area) + "-" + item_numeral(item);
}

}  // namespace shiryo::compute
