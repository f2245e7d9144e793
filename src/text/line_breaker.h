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
  std::vector<bool> find(std::string_view text);
  // The same, and in `last_resort` the breaks the typed-unit part of rule 3
  // takes away (between 71,117 and 件, 令和 and 4年) and the edge before a
  // Latin word or number that ICU forbids (評価対象: / R4年度): where a
  // line has no other break, one of these comes before an emergency break.
  std::vector<bool> find(std::string_view text, std::vector<bool>& last_resort);

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace shiryo::text
