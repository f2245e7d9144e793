#include "compute/comparison.h"

namespace shiryo::compute {

MeasureCounts count_measures(const model::Period& period) {
  MeasureCounts c;
  for (const auto& goal : period.goals)
    for (const auto& area : goal.areas)
      for (const auto& item : area.items)
        for (const auto& m : item.measures) {
          ++c.total;
          switch (m.status) {
            case model::MeasureStatus::completed: ++c.completed; break;
            case model::MeasureStatus::continued: ++c.continued; break;
            case model::MeasureStatus::added: ++c.added; break;
            case model::MeasureStatus::unspecified: break;
          }
        }
  return c;
}

}  // namespace shiryo::compute
