// The results of a period's indicators in one fiscal year: each indicator's
// printed target, actual, 達成率 and judgement, and the counts by goal and in
// total (plan-format.md §6, §9.5–9.9, §9.19, §9.20).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compute/achievement.h"
#include "model/plan.h"

namespace shiryo::compute {

struct IndicatorResult {
  const model::Indicator* indicator = nullptr;
  const model::PlanItem* item = nullptr;
  std::size_t goal = 0, area = 0, item_index = 0;  // places in the period, from 0
  std::string classification;  // Ⅰ-(1)-ア
  bool has_target = false;     // false: counted only with unset="met", as met
  bool missing_actual = false; // a target and no <actual> for the year
  std::string target;          // as printed: 90.0%, 260,000千円, text as typed
  std::string actual;          // as printed; empty when pending or missing
  std::optional<Decimal> rate; // nullopt prints －
  Judgement judgement = Judgement::pending;
};

struct Counts {
  int set = 0;
  int met = 0;
  int unmet = 0;
  int pending = 0;
  friend bool operator==(const Counts&, const Counts&) = default;
};

struct GoalCounts {
  const model::Goal* goal = nullptr;
  std::string numeral;  // Ⅰ
  Counts counts;
};

struct YearResults {
  const model::Period* period = nullptr;
  int fy = 0;
  bool unset_met = false;
  std::vector<IndicatorResult> indicators;  // in document order; those counted
  std::vector<GoalCounts> goals;
  Counts total;
};

// Results of `period` in `fy`. Indicators without a target that year are left
// out, or counted as met when `unset_met`.
YearResults year_results(const model::Period& period, int fy, bool unset_met);

// A number with the indicator's decimals, grouping and unit: 260,000千円.
std::string format_value(const Decimal& value, const model::Indicator& indicator);

// The fiscal years of `period` in which any indicator has a target.
std::vector<int> years_with_targets(const model::Period& period);

// 達成率 over a count: met ÷ set, one decimal half-up (85.5%); nullopt when set is 0.
std::optional<Decimal> count_rate(const Counts& counts);

}  // namespace shiryo::compute
