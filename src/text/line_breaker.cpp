#include "text/line_breaker.h"

#include <unicode/utext.h>

#include <string>

#include "diag/source_file.h"
#include "text/char_class.h"

namespace shiryo::text {
namespace {

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

bool is_opening_bracket(char32_t cp) { return classify(cp) == CharClass::opening || cp == U'(' || cp == U'['; }

// ―― and …… are one unit.
bool is_doubled_dash(char32_t a, char32_t b) { return a == b && (a == U'―' || a == U'…' || a == U'‥'); }

bool is_latin_word_char(char32_t cp) { return cp > 0x20 && cp < 0x7F && cp != '(' && cp != '['; }

bool is_latin_alnum(char32_t cp) {
  return (cp >= U'0' && cp <= U'9') || (cp >= U'A' && cp <= U'Z') || (cp >= U'a' && cp <= U'z');
}

bool is_digit(char32_t cp) { return (cp >= U'0' && cp <= U'9') || (cp >= U'０' && cp <= U'９'); }

bool is_kanji(char32_t cp) { return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF); }

// Counters and units of more than one character that follow a number
// (4年度, 260,000千円, 3か所, 5メートル); any single kanji after a number is
// its counter (51件, 3月, 第2期).
constexpr std::u32string_view kLongUnits[] = {U"平方メートル", U"メートル", U"キロメートル", U"キロ", U"年度", U"年間",
                                              U"か年", U"か所", U"箇所", U"ヶ所", U"カ所", U"か月", U"ヶ月", U"カ月",
                                              U"日間", U"週間", U"時間", U"千円", U"万円", U"億円", U"世帯", U"パーセント"};
constexpr std::u32string_view kSymbolUnits = U"％㎡㎞㎏％‰℃";
// An era or ordinal prefix and the year or number after it (令和6年, 第2期).
constexpr std::u32string_view kEras[] = {U"令和", U"平成", U"昭和", U"大正", U"明治", U"第"};

bool starts_with(const std::u32string& s, std::size_t at, std::u32string_view prefix) {
  return s.size() - at >= prefix.size() && std::u32string_view(s).substr(at, prefix.size()) == prefix;
}

bool ends_at(const std::u32string& s, std::size_t end, std::u32string_view tail) {
  return end >= tail.size() && std::u32string_view(s).substr(end - tail.size(), tail.size()) == tail;
}

// Rule 3 for a number the writer typed: no break inside the number with its
// counter or unit, between an era and its year, or between 年 or 月 and the
// number that goes on with the date (令和4年1月, 3月14日). What may stand
// before each code point:
enum class Keep : char {
  free,
  unit_edge,    // a last resort that cuts a unit (令和 / 4年, 4 / 年)
  parts_edge,   // a last resort between two whole units of a date (4年 / 1月)
  inside_unit,  // never (年 / 度)
};

std::vector<Keep> numbers_with_units(const std::u32string& cps) {
  std::vector<Keep> keep(cps.size() + 1, Keep::free);
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (is_digit(cps[i])) {
      for (auto era : kEras) {
        if (!ends_at(cps, i, era)) continue;
        keep[i] = Keep::unit_edge;
        for (std::size_t k = i - era.size() + 1; k < i; ++k) keep[k] = Keep::inside_unit;
      }
      if (i > 1 && (cps[i - 1] == U'年' || cps[i - 1] == U'月') && is_digit(cps[i - 2])) keep[i] = Keep::parts_edge;
      continue;
    }
    if (i == 0 || !is_digit(cps[i - 1])) continue;
    std::size_t length = 0;
    for (auto unit : kLongUnits) {
      if (starts_with(cps, i, unit)) length = std::max(length, unit.size());
    }
    if (length == 0 && (is_kanji(cps[i]) || kSymbolUnits.find(cps[i]) != std::u32string_view::npos)) length = 1;
    for (std::size_t k = i; k < i + length; ++k) keep[k] = k == i ? Keep::unit_edge : Keep::inside_unit;
  }
  return keep;
}

}  // namespace

BreakOpportunities::BreakOpportunities() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("ja@lb=strict"), status));
  if (U_FAILURE(status)) iterator_.reset();
}

std::vector<bool> BreakOpportunities::find(std::string_view text) {
  std::vector<bool> last_resort;
  return find(text, last_resort);
}

std::vector<bool> BreakOpportunities::find(std::string_view text, std::vector<bool>& last_resort) {
  std::vector<bool> between_units;
  return find(text, last_resort, between_units);
}

std::vector<bool> BreakOpportunities::find(std::string_view text, std::vector<bool>& last_resort,
                                           std::vector<bool>& between_units) {
  constexpr std::size_t kCacheEntries = 4096;
  std::string key(text);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    if (cache_.size() >= kCacheEntries) cache_.clear();
    it = cache_.emplace(std::move(key), compute(text)).first;
  }
  last_resort = it->second.last_resort;
  between_units = it->second.between_units;
  return it->second.allowed;
}

BreakOpportunities::Found BreakOpportunities::compute(std::string_view text) {
  Found found;
  std::vector<bool>& allowed = found.allowed;
  std::vector<bool>& last_resort = found.last_resort;
  std::vector<bool>& between_units = found.between_units;
  allowed.assign(text.size() + 1, false);
  if (iterator_ && !text.empty()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UText, UTextCloser> ut(
        utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
    if (U_SUCCESS(status)) {
      iterator_->setText(ut.get(), status);
      for (int32_t b = iterator_->first(); b != icu::BreakIterator::DONE; b = iterator_->next()) {
        allowed[static_cast<std::size_t>(b)] = true;
      }
    }
  }
  last_resort.assign(text.size() + 1, false);
  between_units.assign(text.size() + 1, false);
  std::u32string cps;
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < text.size();) {
    starts.push_back(i);
    cps += diag::decode_utf8(text, i);
  }
  const std::vector<Keep> keep = numbers_with_units(cps);
  char32_t previous = 0;
  for (std::size_t n = 0; n < cps.size(); ++n) {
    const std::size_t start = starts[n];
    const char32_t cp = cps[n];
    // Rule 3: a Latin word, abbreviation, URL or number is never split
    // (AI-OCR, PPP/PFI, Wi-Fi), even where ICU allows a break after - or /.
    if (start > 0 && is_latin_word_char(previous) && is_latin_word_char(cp)) allowed[start] = false;
    // A typed number and its unit: kept whole, but a break the other rules
    // allow stays a last resort.
    const bool unit_kept = (keep[n] == Keep::unit_edge || keep[n] == Keep::parts_edge) && allowed[start];
    if (keep[n] != Keep::free) allowed[start] = false;
    // Rule 5: a break before an opening bracket, even after a number (82.5%（91.7%）).
    if (start > 0 && is_opening_bracket(cp) && !is_opening_bracket(previous)) allowed[start] = true;
    // Rules 1 and 2 and the dashes of rule 3 stand whatever came before.
    const bool forbidden =
        start > 0 && (never_starts_line(cp) || never_ends_line(previous) || is_doubled_dash(previous, cp));
    if (forbidden) allowed[start] = false;
    // Before a Latin word or number that ICU holds to what precedes it
    // (評価対象: / R4年度): the unit's own edge, a last resort too.
    const bool word_edge = start > 0 && is_latin_alnum(cp) && (!is_latin_word_char(previous) || previous == U':');
    last_resort[start] = (unit_kept || word_edge) && !forbidden && !allowed[start];
    between_units[start] = last_resort[start] && (keep[n] == Keep::parts_edge || (keep[n] == Keep::free && word_edge));
    previous = cp;
  }
  allowed[0] = false;
  allowed[text.size()] = true;
  return found;
}

}  // namespace shiryo::text
