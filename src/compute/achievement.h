// 達成率 and the judgement of a numeric result (plan-format.md §6, §9.5, §9.9).
#pragma once

#include <optional>
#include <string>

#include "compute/decimal.h"

namespace shiryo::compute {

enum class Better { higher, lower };
enum class Judgement { met, unmet, pending };

// 達成率 and the judgement of one numeric result (plan-format.md §6, §9.5, §9.9).
struct AchievementRate {
  std::optional<Decimal> rate;  // percent, one decimal; nullopt where it prints "－" (zero divisor)
  Judgement judgement = Judgement::pending;
};

// actual/target (higher) or target/actual (lower) as a percentage, half-up to one decimal;
// met when that *rounded* rate >= achieved_at (so 100.0% is never beside ×).
// Zero divisor (higher with target 0, lower with actual 0): rate nullopt, judged directly:
// met when actual >= target (higher) or actual <= target (lower).
AchievementRate achievement(const Decimal& target, const Decimal& actual, Better better,
                            const Decimal& achieved_at);

// "93.8%" or "－" (U+FF0D).
std::string format_rate(const std::optional<Decimal>& rate);

}  // namespace shiryo::compute
