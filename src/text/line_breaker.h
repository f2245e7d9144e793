// Where a line may break (japanese-typesetting.md, the break table): ICU's
// `ja@lb=strict` proposes, the table's rules decide.
#pragma once

#include <unicode/brkiter.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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
  // And in `between_units` those last resorts that part two whole units
  // (令和4年 / 1月, 評価対象: / R4年度), not a unit from itself (令和 / 4年,
  // 71,117 / 件): a line may be filled up to one of these before a unit too
  // wide for what is left of it, but is not filled by cutting a unit that
  // would fit a line of its own.
  std::vector<bool> find(std::string_view text, std::vector<bool>& last_resort, std::vector<bool>& between_units);

 private:
  struct Found {
    std::vector<bool> allowed, last_resort, between_units;
  };
  Found compute(std::string_view text);

  std::unique_ptr<icu::BreakIterator> iterator_;
  // The same text is asked for more than once: a table cell is measured for
  // its column's width and then composed, a paragraph laid out again where
  // it moves. Bounded: emptied when full, so memory does not grow with pages.
  std::unordered_map<std::string, Found> cache_;
};

}  // namespace shiryo::text
