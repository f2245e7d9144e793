// The period comparison (plan-format.md §9.15): 取組数, 完了した取組 and
// 継続が必要な取組 of one period against 取組数, 新規の取組 and 継続する取組 of the next.
#pragma once

#include "model/plan.h"

namespace shiryo::compute {

struct MeasureCounts {
  int total = 0;
  int completed = 0;
  int continued = 0;
  int added = 0;  // status="new"
};

MeasureCounts count_measures(const model::Period& period);

}  // namespace shiryo::compute
