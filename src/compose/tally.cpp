// <tally>: a figure of the results printed inside prose (plan-format.md §9.20).
#include "compose/views.h"
#include "compute/results.h"
#include "model/references.h"

namespace shiryo::compose {

std::string tally_text(const model::Tally& tally, const model::Packet& packet) {
  std::optional<int> fy;
  if (tally.fy) fy = tally.fy->value;
  const model::Selection s = model::select(packet, tally.plan, tally.period, tally.goal, fy);
  if (!s.period) return {};
  const std::string& what = tally.what.value;
  if (what == "items" || what == "indicators") {
    int items = 0;
    int indicators = 0;
    for (const auto& goal : s.period->goals) {
      if (s.goal && &goal != s.goal) continue;
      for (const auto& area : goal.areas) {
        items += static_cast<int>(area.items.size());
        for (const auto& item : area.items) indicators += static_cast<int>(item.indicators.size());
      }
    }
    return std::to_string(what == "items" ? items : indicators);
  }
  const compute::YearResults results = compute::year_results(*s.period, *fy, tally.unset_met);
  compute::Counts counts = results.total;
  for (const auto& g : results.goals) {
    if (g.goal == s.goal) counts = g.counts;
  }
  if (what == "set") return std::to_string(counts.set);
  if (what == "met") return std::to_string(counts.met);
  if (what == "unmet") return std::to_string(counts.unmet);
  if (what == "pending") return std::to_string(counts.pending);
  if (what == "fraction") return std::to_string(counts.met) + "/" + std::to_string(counts.set);
  return compute::format_rate(compute::count_rate(counts));
}

}  // namespace shiryo::compose
