#include "compute/results.h"

#include <set>

#include "compute/numbering.h"

namespace shiryo::compute {
namespace {

std::string printed(const std::optional<model::Number>& value, const std::optional<model::RichText>& text,
                    const model::Indicator& indicator) {
  if (value) return format_value(value->value, indicator);
  if (text) return model::plain_text(*text);
  return {};
}

Better better_of(const model::Indicator& indicator) {
  return indicator.better == model::Better::lower ? Better::lower : Better::higher;
}

void add(Counts& counts, Judgement judgement) {
  ++counts.set;
  switch (judgement) {
    case Judgement::met: ++counts.met; break;
    case Judgement::unmet: ++counts.unmet; break;
    case Judgement::pending: ++counts.pending; break;
  }
}

}  // namespace

std::string format_value(const Decimal& value, const model::Indicator& indicator) {
  return value.to_grouped_string(indicator.decimals) + indicator.unit;
}

std::optional<Decimal> count_rate(const Counts& counts) {
  if (counts.set == 0) return std::nullopt;
  return Decimal::percent(Decimal::from_int(counts.met), Decimal::from_int(counts.set), 1);
}

std::vector<int> years_with_targets(const model::Period& period) {
  std::set<int> years;
  for (const auto& goal : period.goals)
    for (const auto& area : goal.areas)
      for (const auto& item : area.items)
        for (const auto& ind : item.indicators)
          for (const auto& t : ind.targets) years.insert(t.fy.value);
  return {years.begin(), years.end()};
}

YearResults year_results(const model::Period& period, int fy, bool unset_met) {
  YearResults out;
  out.period = &period;
  out.fy = fy;
  out.unset_met = unset_met;
  for (std::size_t g = 0; g < period.goals.size(); ++g) {
    const model::Goal& goal = period.goals[g];
    GoalCounts goal_counts{&goal, goal_numeral(g), {}};
    for (std::size_t a = 0; a < goal.areas.size(); ++a) {
      const model::Area& area = goal.areas[a];
      for (std::size_t i = 0; i < area.items.size(); ++i) {
        const model::PlanItem& item = area.items[i];
        for (const auto& ind : item.indicators) {
          IndicatorResult r;
          r.indicator = &ind;
          r.item = &item;
          r.goal = g;
          r.area = a;
          r.item_index = i;
          r.classification = classification(g, a, i);
          const model::Target* target = ind.target(fy);
          const model::Actual* actual = ind.actual(fy);
          r.has_target = target != nullptr;
          if (!target) {
            if (!unset_met) continue;
            r.judgement = Judgement::met;
          } else {
            r.target = printed(target->value, target->text, ind);
            if (!actual) {
              r.missing_actual = true;
              r.judgement = Judgement::pending;
            } else if (actual->pending) {
              r.judgement = Judgement::pending;
            } else {
              r.actual = printed(actual->value, actual->text, ind);
              if (target->value && actual->value) {
                const AchievementRate rate =
                    achievement(target->value->value, actual->value->value, better_of(ind), period.achieved_at);
                r.rate = rate.rate;
                r.judgement = rate.judgement;
              } else {
                r.judgement = actual->achieved.value_or(false) ? Judgement::met : Judgement::unmet;
              }
            }
          }
          add(goal_counts.counts, r.judgement);
          add(out.total, r.judgement);
          out.indicators.push_back(std::move(r));
        }
      }
    }
    out.goals.push_back(std::move(goal_counts));
  }
  return out;
}

}  // namespace shiryo::compute
