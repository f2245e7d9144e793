// The plan model and its computed figures on the bundled packet: numerals,
// counts, rates, means and the period comparison against the seed's figures.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>

#include "compute/comparison.h"
#include "compute/numbering.h"
#include "compute/results.h"
#include "model/parse.h"

namespace shiryo {
namespace {

class SeedPlan : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(std::string(SHIRYO_SOURCE_DIR) + "/input/atsugi-r5-2.xml", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    diag::Diagnostics diags;
    auto parsed = model::parse_packet(std::make_shared<const diag::SourceFile>("input", text.str()), diags);
    ASSERT_TRUE(parsed.has_value());
    packet_ = std::make_unique<model::Packet>(std::move(*parsed));
  }
  static void TearDownTestSuite() { packet_.reset(); }
  static const model::Period& period(const char* id) { return *packet_->plans.front().find_period(id); }
  static const compute::IndicatorResult* find(const compute::YearResults& r, const std::string& id) {
    for (const auto& i : r.indicators)
      if (i.indicator->id.value == id) return &i;
    return nullptr;
  }
  static std::unique_ptr<model::Packet> packet_;
};
std::unique_ptr<model::Packet> SeedPlan::packet_;

TEST(Numerals, FromDocumentOrder) {
  EXPECT_EQ(compute::goal_numeral(0), "Ⅰ");
  EXPECT_EQ(compute::goal_numeral(2), "Ⅲ");
  EXPECT_EQ(compute::area_numeral(1), "(2)");
  EXPECT_EQ(compute::item_numeral(0), "ア");
  EXPECT_EQ(compute::item_numeral(4), "オ");
  EXPECT_EQ(compute::item_numeral(5), "カ");
  EXPECT_EQ(compute::measure_numeral(0), "①");
  EXPECT_EQ(compute::measure_numeral(19), "⑳");
  EXPECT_EQ(compute::measure_numeral(20), "㉑");
  EXPECT_EQ(compute::classification(1, 1, 2), "Ⅱ-(2)-ウ");
}

TEST_F(SeedPlan, HoldsTheWholePlan) {
  const model::Plan& plan = packet_->plans.front();
  ASSERT_EQ(plan.periods.size(), 2u);
  int items = 0, indicators = 0;
  for (const auto& g : period("p1").goals)
    for (const auto& a : g.areas) {
      items += static_cast<int>(a.items.size());
      for (const auto& i : a.items) indicators += static_cast<int>(i.indicators.size());
    }
  EXPECT_EQ(items, 23);
  EXPECT_EQ(indicators, 55);
  int p2_items = 0;
  for (const auto& g : period("p2").goals)
    for (const auto& a : g.areas) p2_items += static_cast<int>(a.items.size());
  EXPECT_EQ(p2_items, 22);
}

TEST_F(SeedPlan, Fy2023CountsAsPublished) {
  const auto r = compute::year_results(period("p1"), 2023, false);
  EXPECT_EQ(r.total, (compute::Counts{52, 23, 16, 13}));
  ASSERT_EQ(r.goals.size(), 3u);
  EXPECT_EQ(r.goals[0].counts, (compute::Counts{25, 7, 10, 8}));
  EXPECT_EQ(r.goals[1].counts, (compute::Counts{18, 10, 5, 3}));
  EXPECT_EQ(r.goals[2].counts, (compute::Counts{9, 6, 1, 2}));
}

TEST_F(SeedPlan, ComputedRateStandsWhereTheSeedContradictsItself) {
  // 46.2% of 70%: printed 66.6% in one seed table and 66.0% in another.
  const auto r = compute::year_results(period("p1"), 2023, false);
  const auto* flexible = find(r, "I-2-a-2");
  ASSERT_NE(flexible, nullptr);
  EXPECT_EQ(compute::format_rate(flexible->rate), "66.0%");
  EXPECT_EQ(flexible->judgement, compute::Judgement::unmet);
  EXPECT_EQ(flexible->classification, "Ⅰ-(2)-ア");
}

TEST_F(SeedPlan, CollectionRateIsTheMeanOfItsParts) {
  const auto r = compute::year_results(period("p1"), 2023, false);
  const auto* collection = find(r, "II-2-c-1");
  ASSERT_NE(collection, nullptr);
  EXPECT_EQ(collection->actual, "94.2%");
}

TEST_F(SeedPlan, Fy2022WithUnsetCountedAsMet) {
  const auto r = compute::year_results(period("p1"), 2022, true);
  EXPECT_EQ(r.total, (compute::Counts{55, 47, 8, 0}));
  EXPECT_EQ(compute::format_rate(compute::count_rate(r.total)), "85.5%");
  EXPECT_EQ(r.goals[0].counts, (compute::Counts{27, 21, 6, 0}));
  EXPECT_EQ(r.goals[1].counts, (compute::Counts{18, 16, 2, 0}));
  EXPECT_EQ(r.goals[2].counts, (compute::Counts{10, 10, 0, 0}));
  std::vector<std::string> unmet;
  for (const auto& i : r.indicators)
    if (i.judgement == compute::Judgement::unmet) unmet.push_back(i.indicator->id.value);
  // The seed's 令和4年度 unmet list.
  EXPECT_EQ(unmet, (std::vector<std::string>{"I-1-c-2", "I-1-c-3", "I-2-a-2", "I-2-b-3", "I-3-a-1", "I-3-a-2",
                                              "II-1-a-1", "II-2-b-2"}));
  const auto* overtime = find(r, "I-3-a-2");  // lower is better: 105 / 175
  ASSERT_NE(overtime, nullptr);
  EXPECT_EQ(compute::format_rate(overtime->rate), "60.0%");
}

TEST_F(SeedPlan, PeriodComparison) {
  const auto from = compute::count_measures(period("p1"));
  EXPECT_EQ(from.total, 67);
  EXPECT_EQ(from.completed, 25);
  EXPECT_EQ(from.continued, 42);
  const auto to = compute::count_measures(period("p2"));
  EXPECT_EQ(to.total, 60);
  EXPECT_EQ(to.added, 19);
  EXPECT_EQ(to.continued, 41);
}

}  // namespace
}  // namespace shiryo
