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

 private:
  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace shiryo::text
