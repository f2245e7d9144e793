#include "model/references.h"

#include <map>

#include "model/visit.h"

namespace shiryo::model {

Selection select(const Packet& packet, const std::optional<SourceText>& plan,
                 const std::optional<SourceText>& period, const std::optional<SourceText>& goal,
                 std::optional<int> fy) {
  Selection s;
  s.plan = packet.find_plan(plan ? plan->value : "");
  if (!s.plan) return s;
  if (period) {
    s.period = s.plan->find_period(period->value);
  } else if (s.plan->periods.size() == 1) {
    s.period = &s.plan->periods.front();
  } else if (fy) {
    for (const auto& p : s.plan->periods) {
      if (*fy >= p.from_fy.value && *fy <= p.to_fy.value) s.period = &p;
    }
  }
  if (s.period && goal) s.goal = s.period->find_goal(goal->value);
  return s;
}

const Indicator* find_indicator(const Packet& packet, std::string_view id) {
  for (const auto& plan : packet.plans)
    for (const auto& period : plan.periods)
      for (const auto& goal : period.goals)
        for (const auto& area : goal.areas)
          for (const auto& item : area.items)
            for (const auto& ind : item.indicators)
              if (ind.id.value == id) return &ind;
  return nullptr;
}

namespace {

std::string ids_of_documents(const Packet& packet) {
  std::string known;
  for (const auto& d : packet.documents) known += (known.empty() ? "" : ", ") + d.id.value;
  return known;
}

class ReferenceChecker {
 public:
  ReferenceChecker(const Reader& r, const Packet& p) : r_(r), packet_(p) {}

  void run() {
    unique_documents();
    unique_indicators();
    if (packet_.agenda) agenda(packet_.agenda->items);
    visit_plan_data(packet_, {[this](const View& v) { view(v); }, [this](const Tally& t) { tally(t); }, {}});
  }

 private:
  void unique_documents() {
    std::map<std::string, std::size_t> seen;
    for (const auto& d : packet_.documents) {
      if (d.id.value.empty()) continue;
      auto [it, inserted] = seen.emplace(d.id.value, d.id.offset);
      if (!inserted) {
        r_.error(d.id.offset, "duplicate document id \"" + d.id.value + "\"; first used on line " +
                                  std::to_string(r_.line_of(it->second)));
      }
    }
  }

  void unique_indicators() {
    std::map<std::string, std::size_t> seen;
    for (const auto& plan : packet_.plans)
      for (const auto& period : plan.periods)
        for (const auto& goal : period.goals)
          for (const auto& area : goal.areas)
            for (const auto& item : area.items)
              for (const auto& ind : item.indicators) {
                if (ind.id.value.empty()) continue;
                auto [it, inserted] = seen.emplace(ind.id.value, ind.id.offset);
                if (!inserted) {
                  r_.error(ind.id.offset, "duplicate indicator id \"" + ind.id.value + "\"; first used on line " +
                                              std::to_string(r_.line_of(it->second)));
                }
              }
  }

  void agenda(const std::vector<AgendaItem>& items) {
    for (const auto& item : items) {
      if (item.doc && !packet_.find_document(item.doc->value)) {
        const std::string known = ids_of_documents(packet_);
        r_.error(item.doc->offset, "doc \"" + item.doc->value + "\" names no document" +
                                       (known.empty() ? "; the packet has none" : "; the packet's documents are " + known));
      }
      agenda(item.children);
    }
  }

  // Reports what of a selection did not resolve; returns it when whole.
  std::optional<Selection> selection(std::size_t at, const std::string& element,
                                     const std::optional<SourceText>& plan, const std::optional<SourceText>& period,
                                     const std::optional<SourceText>& goal, std::optional<int> fy) {
    const Selection s = select(packet_, plan, period, goal, fy);
    if (!s.plan) {
      if (plan) {
        r_.error(plan->offset, "plan \"" + plan->value + "\" names no <plan>");
      } else if (packet_.plans.empty()) {
        r_.error(at, "<" + element + "> shows plan data, but the packet has no <plan>");
      } else {
        r_.error(at, "<" + element + "> needs plan=\"…\": the packet has " + std::to_string(packet_.plans.size()) + " plans");
      }
      return std::nullopt;
    }
    if (!s.period) {
      if (period) {
        r_.error(period->offset, "period \"" + period->value + "\" names no period of plan " + s.plan->id.value);
      } else {
        r_.error(at, "<" + element + "> needs period=\"…\": no single period of plan " + s.plan->id.value +
                         (fy ? " holds FY" + std::to_string(*fy) : " is implied"));
      }
      return std::nullopt;
    }
    if (fy && (*fy < s.period->from_fy.value || *fy > s.period->to_fy.value)) {
      r_.error(at, "<" + element + "> asks for FY" + std::to_string(*fy) + ", outside period " + s.period->id.value);
      return std::nullopt;
    }
    if (goal && !s.goal) {
      r_.error(goal->offset, "goal \"" + goal->value + "\" names no goal of period " + s.period->id.value);
      return std::nullopt;
    }
    return s;
  }

  void comparison_statuses(const Period& period, bool from, std::size_t at) {
    for (const auto& goal : period.goals)
      for (const auto& area : goal.areas)
        for (const auto& item : area.items)
          for (std::size_t k = 0; k < item.measures.size(); ++k) {
            const MeasureStatus s = item.measures[k].status;
            const bool ok = from ? (s == MeasureStatus::completed || s == MeasureStatus::continued)
                                 : (s == MeasureStatus::added || s == MeasureStatus::continued);
            if (!ok) {
              r_.error(item.measures[k].offset,
                       "measure " + std::to_string(k + 1) + " of item " + item.id.value + " in period " +
                           period.id.value + " needs status=\"" + (from ? "completed\" or \"continued" : "new\" or \"continued") +
                           "\": the period comparison on line " + std::to_string(r_.line_of(at)) + " counts it");
            }
          }
  }

  void view(const View& v) {
    const std::string element = v.element();
    std::optional<int> fy;
    if (v.fy) fy = v.fy->value;
    switch (v.kind) {
      case View::Kind::results:
      case View::Kind::results_detail:
      case View::Kind::plan_tree:
      case View::Kind::plan_sheets:
        selection(v.offset, element, v.plan, v.period, v.goal, fy);
        break;
      case View::Kind::breakdown:
        if (v.indicator && !find_indicator(packet_, v.indicator->value)) {
          r_.error(v.indicator->offset, "indicator \"" + v.indicator->value + "\" names no indicator of the packet");
        }
        break;
      case View::Kind::period_comparison: {
        auto from = selection(v.offset, element, v.plan, v.from, std::nullopt, std::nullopt);
        auto to = selection(v.offset, element, v.plan, v.to, std::nullopt, std::nullopt);
        if (from && v.from) comparison_statuses(*from->period, true, v.offset);
        if (to && v.to) comparison_statuses(*to->period, false, v.offset);
        break;
      }
    }
  }

  void tally(const Tally& t) {
    std::optional<int> fy;
    if (t.fy) fy = t.fy->value;
    selection(t.offset, "tally", t.plan, t.period, t.goal, fy);
  }

  const Reader& r_;
  const Packet& packet_;
};

}  // namespace

void check_references(const Reader& reader, const Packet& packet) { ReferenceChecker(reader, packet).run(); }

}  // namespace shiryo::model
