#include "compute/checks.h"


#include "compute/results.h"
#include "model/references.h"
#include "model/visit.h"

namespace shiryo::compute {
namespace {

const char* judgement_word(Judgement j) {
  switch (j) {
    case Judgement::met: return "met";
    case Judgement::unmet: return "unmet";
    case Judgement::pending: return "pending";
  }
  return "pending";
}

class FigureChecker {
 public:
  FigureChecker(const model::Packet& packet, diag::Diagnostics& diags)
      : packet_(packet), diags_(diags), source_(packet.source) {}

  void run() {
    for (const auto& plan : packet_.plans)
      for (const auto& period : plan.periods) written_judgements(period);
    model::visit_plan_data(packet_, {[this](const model::View& v) { view(v); },
                                     [this](const model::Tally& t) { tally(t); }, {}});
  }

 private:
  // An explicit achieved beside two numbers must agree with the computed one.
  void written_judgements(const model::Period& period) {
    for (const auto& goal : period.goals)
      for (const auto& area : goal.areas)
        for (const auto& item : area.items)
          for (const auto& ind : item.indicators)
            for (const auto& actual : ind.actuals) {
              const model::Target* target = ind.target(actual.fy.value);
              if (!actual.achieved || !actual.value || !target || !target->value) continue;
              const auto rate = achievement(target->value->value, actual.value->value,
                                            ind.better == model::Better::lower ? Better::lower : Better::higher,
                                            period.achieved_at);
              const bool computed = rate.judgement == Judgement::met;
              if (computed != *actual.achieved) {
                diags_.error(source_, actual.achieved_offset,
                             std::string("achieved=\"") + (*actual.achieved ? "yes" : "no") + "\" contradicts the computed result: " +
                                 ind.id.value + " FY" + std::to_string(actual.fy.value) + " " +
                                 format_value(actual.value->value, ind) + " of " + format_value(target->value->value, ind) +
                                 " is " + format_rate(rate.rate) + ", " + (computed ? "met" : "not met") + " at " +
                                 period.achieved_at.to_string(period.achieved_at.scale()) + "%");
            }
            }
  }

  void expectation(const std::optional<model::View::Expectation>& expected, const char* attr, int computed,
                   const YearResults& results, const model::Goal* goal, std::optional<Judgement> category) {
    if (!expected || expected->value == computed) return;
    diags_.error(source_, expected->offset,
                 std::string(attr) + " " + std::to_string(expected->value) + " differs from the computed " +
                     std::to_string(computed) + " (period " + results.period->id.value + ", FY" +
                     std::to_string(results.fy) + (results.unset_met ? ", unset=\"met\"" : "") + ")");
    for (const auto& r : results.indicators) {
      if (goal && &results.period->goals[r.goal] != goal) continue;
      if (category && r.judgement != *category) continue;
      diags_.note(source_, r.indicator->offset,
                  r.classification + " " + r.indicator->id.value + ": " + judgement_word(r.judgement) +
                      (r.rate ? " (" + format_rate(r.rate) + ")" : ""));
    }
  }

  // A <breakdown> shows the parts of a result: the result must have them.
  void breakdown(const model::View& v) {
    if (!v.indicator || !v.fy) return;
    const model::Indicator* ind = model::find_indicator(packet_, v.indicator->value);
    if (!ind) return;
    const model::Actual* actual = ind->actual(v.fy->value);
    if (actual && !actual->parts.empty()) return;
    diags_.error(source_, v.offset,
                 "<breakdown> shows the parts of indicator " + ind->id.value + "'s FY" + std::to_string(v.fy->value) +
                     " result, but " +
                     (actual ? std::string("that result has no <part>") : std::string("it has no <actual> for that year")));
  }

  void view(const model::View& v) {
    if (v.kind == model::View::Kind::breakdown) return breakdown(v);
    std::optional<int> fy;
    if (v.fy) fy = v.fy->value;
    const model::Selection s = model::select(packet_, v.plan, v.period, v.goal, fy);
    if (!s.period) return;
    if (v.kind == model::View::Kind::results_detail && !fy) fy = s.period->to_fy.value;
    if (v.kind != model::View::Kind::results && v.kind != model::View::Kind::results_detail) return;
    if (!fy) return;
    const YearResults results = year_results(*s.period, *fy, v.unset_met);
    report_missing_results(results, source_, diags_);
    if (v.kind != model::View::Kind::results) return;
    Counts counts = results.total;
    if (s.goal) {
      for (const auto& g : results.goals)
        if (g.goal == s.goal) counts = g.counts;
    }
    expectation(v.expect_set, "expect-set", counts.set, results, s.goal, std::nullopt);
    expectation(v.expect_met, "expect-met", counts.met, results, s.goal, Judgement::met);
    expectation(v.expect_unmet, "expect-unmet", counts.unmet, results, s.goal, Judgement::unmet);
    expectation(v.expect_pending, "expect-pending", counts.pending, results, s.goal, Judgement::pending);
  }

  void tally(const model::Tally& t) {
    if (!t.fy) return;
    const model::Selection s = model::select(packet_, t.plan, t.period, t.goal, t.fy->value);
    if (s.period) report_missing_results(year_results(*s.period, t.fy->value, t.unset_met), source_, diags_);
  }

  const model::Packet& packet_;
  diag::Diagnostics& diags_;
  std::shared_ptr<const diag::SourceFile> source_;
};

}  // namespace

void report_missing_results(const YearResults& results, const std::shared_ptr<const diag::SourceFile>& source,
                            diag::Diagnostics& diags) {
  // The same target reported from two views is one diagnostic (Diagnostics
  // drops the repeat).
  for (const auto& r : results.indicators) {
    if (!r.missing_actual) continue;
    const model::Target* target = r.indicator->target(results.fy);
    diags.error(source, target->offset,
                "indicator " + r.indicator->id.value + " has a target for FY" + std::to_string(results.fy) +
                    " but no result; add <actual fy=\"" + std::to_string(results.fy) +
                    "\" pending=\"…\"/> if it is not known yet");
  }
}

void check_figures(const model::Packet& packet, diag::Diagnostics& diags) { FigureChecker(packet, diags).run(); }

}  // namespace shiryo::compute
