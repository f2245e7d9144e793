// Where a line may break (japanese-typesetting.md, the break table): ICU's
// `ja@lb=strict` proposes, the table's rules decide.
#pragma once

#include <unicode/brkiter.h>

#include <memory>
#include <string_view>
#include <vector>

namespace shiryo::text {

class BreakOpportunities {
 public:
  BreakOpportunities();
  // allowed[i] is true when a line may break before byte i (i > 0, at a
  // character boundary) of `text`.
  // (i > 0, at a character boundary) of `text`, a typed unit's edges included.
  std::vector<bool> find(std::string_view text);
  // The same, and in `last_resort` the breaks the typed-unit part of rule 3
  // takes away (between 71,117 and 件, 令和 and 4年): where a line has no
  // other break, one of these comes before an emergency break.
  std::vector<bool> find(std::string_view text, std::vector<bool>& last_resort);

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace shiryo::text
