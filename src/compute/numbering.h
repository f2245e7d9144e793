// Printed numerals from document order (plan-format.md §6, §9.1): goals Ⅰ Ⅱ Ⅲ,
// areas (1) (2), items ア イ ウ, measures ① ②. Indexes count from 0.
#pragma once

#include <string>

namespace shiryo::compute {

std::string goal_numeral(std::size_t index);
std::string area_numeral(std::size_t index);
std::string item_numeral(std::size_t index);
std::string measure_numeral(std::size_t index);
// Ⅰ-(1)-ア
std::string classification(std::size_t goal, std::size_t area, std::size_t item);
// (1)-ア, where the goal is given by the context (a table of one goal).
std::string classification_in_goal(std::size_t area, std::size_t item);

}  // namespace shiryo::compute
