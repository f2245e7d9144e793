#include "text/line_breaker.h"

#include <unicode/utext.h>

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

}  // namespace

BreakOpportunities::BreakOpportunities() {
  UErrorCode status = U_ZERO_ERROR;
  iterator_.reset(icu::BreakIterator::createLineInstance(icu::Locale("ja@lb=strict"), status));
  if (U_FAILURE(status)) iterator_.reset();
}

std::vector<bool> BreakOpportunities::find(std::string_view text) {
  std::vector<bool> allowed(text.size() + 1, false);
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
  std::size_t i = 0;
  char32_t previous = 0;
  while (i < text.size()) {
    const std::size_t start = i;
    const char32_t cp = diag::decode_utf8(text, i);
    // Rule 3: a Latin word, abbreviation, URL or number is never split
    // (AI-OCR, PPP/PFI, Wi-Fi), even where ICU allows a break after - or /.
    if (start > 0 && is_latin_word_char(previous) && is_latin_word_char(cp)) allowed[start] = false;
    // Rule 5: a break before an opening bracket, even after a number (82.5%（91.7%）).
    if (start > 0 && is_opening_bracket(cp) && !is_opening_bracket(previous)) allowed[start] = true;
    // Rules 1 and 2 and the dashes of rule 3 stand whatever came before.
    if (start > 0 && (never_starts_line(cp) || never_ends_line(previous) || is_doubled_dash(previous, cp))) {
      allowed[start] = false;
    }
    previous = cp;
  }
  allowed[0] = false;
  allowed[text.size()] = true;
  return allowed;
}

}  // namespace shiryo::text
