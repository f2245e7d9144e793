#include "compute/achievement.h"

namespace shiryo::compute {
namespace {

constexpr int kRateDigits = 1;  // 達成率 always prints one decimal (§9.7)

}  // namespace

AchievementRate achievement(const Decimal& target, const Decimal& actual, Better better,
                            const Decimal& achieved_at) {
  const Decimal& numerator = better == Better::higher ? actual : target;
  const Decimal& divisor = better == Better::higher ? target : actual;
  AchievementRate result;
  if (divisor.is_zero()) {
    // §9.9: no rate; compare actual with target directly.
    bool met = better == Better::higher ? actual >= target : actual <= target;
    result.judgement = met ? Judgement::met : Judgement::unmet;
    return result;
  }
  // §9.5: the judgement compares the printed, rounded rate.
  Decimal rate = Decimal::percent(numerator, divisor, kRateDigits);
  result.judgement = rate >= achieved_at ? Judgement::met : Judgement::unmet;
  result.rate = rate;
  return result;
}

std::string format_rate(const std::optional<Decimal>& rate) {
  if (!rate) return "\uFF0D";  // －
  return rate->to_string(kRateDigits) + "%";
}

}  // namespace shiryo::compute
