// compute/decimal.h and compute/achievement.h: exact decimals, 達成率 and the
// judgement (plan-format.md §2, §6, §9.5, §9.6, §9.7, §9.9).
#include "compute/decimal.h"

#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "compute/achievement.h"

namespace {

using shiryo::compute::achievement;
using shiryo::compute::Better;
using shiryo::compute::Decimal;
using shiryo::compute::format_rate;
using shiryo::compute::Judgement;

Decimal d(const char* text) {
  auto value = Decimal::parse(text);
  EXPECT_TRUE(value.has_value()) << text;
  return value.value_or(Decimal{});
}

// ---- parse ----

TEST(DecimalParse, AcceptsPlainDecimals) {
  for (const char* text : {"0", "84.4", "260000", "-5", "0.25", "90", "84.40", "-0.5", "007",
                           "0.000000000000000001", "999999999999999999",
                           "123456789.123456789", "-999999999999999999"}) {
    EXPECT_TRUE(Decimal::parse(text).has_value()) << text;
  }
}

TEST(DecimalParse, RejectsEverythingElse) {
  for (const char* text : {"1,000", "1e3", ".5", "5.", "+1", "", "-", "12a", " 1", "1 ", "1.2.3",
                           "--1", "-.5", "1,5", "０", "0x10", "1E3", "a12", "-1.", "."}) {
    EXPECT_FALSE(Decimal::parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(DecimalParse, AtMostEighteenSignificantDigits) {
  EXPECT_TRUE(Decimal::parse("123456789012345678").has_value());
  EXPECT_FALSE(Decimal::parse("1234567890123456789").has_value());
  EXPECT_FALSE(Decimal::parse("-1234567890123456789").has_value());
  EXPECT_FALSE(Decimal::parse("1234567890.123456789").has_value());
  // Leading zeros are not significant.
  EXPECT_TRUE(Decimal::parse("000000000000123456789012345678").has_value());
  EXPECT_TRUE(Decimal::parse("0.123456789012345678").has_value());
  EXPECT_FALSE(Decimal::parse("0.1234567890123456789").has_value());
  EXPECT_FALSE(Decimal::parse("0.0000000000000000001").has_value());  // 19 decimals
}

TEST(DecimalParse, Values) {
  EXPECT_EQ(d("84.4").to_string(1), "84.4");
  EXPECT_EQ(d("-5").to_string(0), "-5");
  EXPECT_EQ(d("0.25").to_string(2), "0.25");
  EXPECT_EQ(d("007").to_string(0), "7");
  EXPECT_EQ(d("123456789.123456789").to_string(9), "123456789.123456789");
  EXPECT_EQ(d("-999999999999999999").to_string(0), "-999999999999999999");
  EXPECT_EQ(d("0.000000000000000001").to_string(18), "0.000000000000000001");
}

TEST(DecimalParse, Scale) {
  EXPECT_EQ(d("90").scale(), 0);
  EXPECT_EQ(d("84.4").scale(), 1);
  EXPECT_EQ(d("84.40").scale(), 2);
  EXPECT_EQ(d("0.250").scale(), 3);
  EXPECT_EQ(d("-5.0").scale(), 1);
  EXPECT_EQ(Decimal{}.scale(), 0);
  EXPECT_EQ(Decimal::from_int(260000).scale(), 0);
}

TEST(DecimalParse, ZeroAndSign) {
  EXPECT_TRUE(Decimal{}.is_zero());
  EXPECT_FALSE(Decimal{}.is_negative());
  EXPECT_TRUE(d("0.00").is_zero());
  EXPECT_TRUE(d("-0").is_zero());
  EXPECT_FALSE(d("-0").is_negative());
  EXPECT_EQ(d("-0.0").to_string(1), "0.0");
  EXPECT_TRUE(d("-0.01").is_negative());
  EXPECT_FALSE(d("0.01").is_negative());
  EXPECT_FALSE(d("0.01").is_zero());
}

TEST(DecimalFromInt, Values) {
  EXPECT_EQ(Decimal::from_int(0), Decimal{});
  EXPECT_EQ(Decimal::from_int(-5), d("-5"));
  EXPECT_EQ(Decimal::from_int(9223372036854775807LL).to_string(0), "9223372036854775807");
  EXPECT_EQ((Decimal::from_int(-9223372036854775807LL) - Decimal::from_int(1)).to_string(0),
            "-9223372036854775808");
}

// ---- rounding and printing ----

struct RoundCase {
  const char* value;
  int digits;
  const char* printed;
};

class DecimalRounding : public ::testing::TestWithParam<RoundCase> {};

TEST_P(DecimalRounding, HalfUpAwayFromZero) {
  const RoundCase& c = GetParam();
  Decimal r = d(c.value).rounded(c.digits);
  EXPECT_EQ(r.scale(), c.digits);
  EXPECT_EQ(r.to_string(c.digits), c.printed);
  EXPECT_EQ(d(c.value).to_string(c.digits), c.printed);
}

INSTANTIATE_TEST_SUITE_P(
    DecimalEdges, DecimalRounding,
    ::testing::Values(RoundCase{"2.5", 0, "3"}, RoundCase{"2.4999", 0, "2"},
                      RoundCase{"-2.5", 0, "-3"}, RoundCase{"-2.4999", 0, "-2"},
                      RoundCase{"88.45", 1, "88.5"}, RoundCase{"88.449", 1, "88.4"},
                      RoundCase{"90.25", 1, "90.3"}, RoundCase{"-90.25", 1, "-90.3"},
                      RoundCase{"-90.24", 1, "-90.2"}, RoundCase{"99.95", 1, "100.0"},
                      RoundCase{"99.949", 1, "99.9"}, RoundCase{"-99.95", 1, "-100.0"},
                      RoundCase{"0.05", 1, "0.1"}, RoundCase{"-0.05", 1, "-0.1"},
                      RoundCase{"-0.04", 1, "0.0"}, RoundCase{"-0.4", 0, "0"},
                      RoundCase{"0.5", 0, "1"}, RoundCase{"9.995", 2, "10.00"},
                      RoundCase{"90", 1, "90.0"}, RoundCase{"90", 3, "90.000"},
                      RoundCase{"84.4", 2, "84.40"}, RoundCase{"0", 2, "0.00"},
                      RoundCase{"-5", 1, "-5.0"}, RoundCase{"0.000000000000000005", 17,
                                                            "0.00000000000000001"},
                      RoundCase{"999999999999999999", 0, "999999999999999999"}));

TEST(DecimalRounding, KeepsValueWhenPadding) {
  EXPECT_EQ(d("90").rounded(1), d("90"));
  EXPECT_EQ(d("90").rounded(1).scale(), 1);
  EXPECT_EQ(d("84.45").rounded(1), d("84.5"));
  EXPECT_EQ(d("84.45").rounded(1).scale(), 1);
}

TEST(DecimalRounding, NegativeDigitsIsAPreconditionViolation) {
  EXPECT_THROW((void)d("1.5").rounded(-1), std::invalid_argument);
  EXPECT_THROW((void)d("1.5").to_string(-1), std::invalid_argument);
}

TEST(DecimalToString, Padding) {
  EXPECT_EQ(d("90").to_string(1), "90.0");
  EXPECT_EQ(d("84.4").to_string(1), "84.4");
  EXPECT_EQ(d("0").to_string(1), "0.0");
  EXPECT_EQ(d("100").to_string(1), "100.0");
  EXPECT_EQ(d("0.5").to_string(3), "0.500");
  EXPECT_EQ(d("2.5").to_string(0), "3");
  EXPECT_EQ(d("260000").to_string(0), "260000");
}

TEST(DecimalToString, Grouping) {
  EXPECT_EQ(d("260000").to_grouped_string(0), "260,000");
  EXPECT_EQ(d("-1234.5").to_grouped_string(1), "-1,234.5");
  EXPECT_EQ(d("1390").to_grouped_string(0), "1,390");
  EXPECT_EQ(d("999").to_grouped_string(0), "999");
  EXPECT_EQ(d("1000").to_grouped_string(0), "1,000");
  EXPECT_EQ(d("-999").to_grouped_string(0), "-999");
  EXPECT_EQ(d("0").to_grouped_string(1), "0.0");
  EXPECT_EQ(d("12").to_grouped_string(0), "12");
  EXPECT_EQ(d("123456789.1234").to_grouped_string(4), "123,456,789.1234");
  EXPECT_EQ(d("999.95").to_grouped_string(1), "1,000.0");
  EXPECT_EQ(d("-999999.5").to_grouped_string(0), "-1,000,000");
  EXPECT_EQ(d("1234567").to_grouped_string(2), "1,234,567.00");
}

// ---- arithmetic and comparison ----

TEST(DecimalArithmetic, AddAndSubtractAcrossScales) {
  EXPECT_EQ(d("84.4") + d("5.6"), d("90"));
  EXPECT_EQ((d("84.4") + d("5.6")).scale(), 1);
  EXPECT_EQ((d("1.25") + d("3")).to_string(2), "4.25");
  EXPECT_EQ((d("1.25") + d("3")).scale(), 2);
  EXPECT_EQ((d("1") - d("1.5")).to_string(1), "-0.5");
  EXPECT_EQ(d("-2.5") - d("-2.5"), Decimal{});
  EXPECT_EQ((d("0.1") + d("0.2")).to_string(1), "0.3");
  EXPECT_EQ(d("0.1") + d("0.2"), d("0.3"));  // exact, unlike binary floating point
}

TEST(DecimalComparison, ByValueAcrossScales) {
  EXPECT_EQ(d("90"), d("90.0"));
  EXPECT_EQ(d("90"), d("90.000"));
  EXPECT_EQ(d("-0"), d("0.00"));
  EXPECT_NE(d("90"), d("90.01"));
  EXPECT_LT(d("99.9"), d("100"));
  EXPECT_GT(d("100.0"), d("99.99"));
  EXPECT_LT(d("-1.5"), d("-1"));
  EXPECT_LT(d("-100"), d("0.001"));
  EXPECT_GE(d("100.0"), d("100"));
  EXPECT_LE(d("80"), d("80.0"));
  EXPECT_TRUE((d("84.4") <=> d("84.40")) == std::strong_ordering::equal);
  EXPECT_TRUE((d("84.41") <=> d("84.4")) == std::strong_ordering::greater);
  EXPECT_TRUE((d("-84.41") <=> d("-84.4")) == std::strong_ordering::less);
  // The largest and smallest parsable magnitudes compare without overflow.
  EXPECT_LT(d("0.000000000000000001"), d("999999999999999999"));
  EXPECT_GT(d("-0.000000000000000001"), d("-999999999999999999"));
  EXPECT_LT(d("99999999999999999.9"), d("100000000000000000"));
  EXPECT_GT(d("0.000000000000000001"), Decimal{});
}

// ---- percent ----

struct PercentCase {
  const char* numerator;
  const char* denominator;
  const char* printed;
};

class DecimalPercent : public ::testing::TestWithParam<PercentCase> {};

TEST_P(DecimalPercent, HalfUpToOneDecimal) {
  const PercentCase& c = GetParam();
  Decimal rate = Decimal::percent(d(c.numerator), d(c.denominator), 1);
  EXPECT_EQ(rate.scale(), 1);
  EXPECT_EQ(rate.to_string(1), c.printed) << c.numerator << " / " << c.denominator;
}

INSTANTIATE_TEST_SUITE_P(
    DecimalPlanFormat, DecimalPercent,
    ::testing::Values(PercentCase{"10614", "12000", "88.5"},  // 88.45 rounds up
                      PercentCase{"36100", "40000", "90.3"},  // 90.25 rounds up
                      PercentCase{"84.4", "90", "93.8"}, PercentCase{"105", "175", "60.0"},
                      PercentCase{"46.2", "70", "66.0"}, PercentCase{"2499", "2500", "100.0"},
                      PercentCase{"79.9", "80", "99.9"}, PercentCase{"1", "3", "33.3"},
                      PercentCase{"2", "3", "66.7"}, PercentCase{"0", "5", "0.0"},
                      PercentCase{"90", "90.0", "100.0"}, PercentCase{"0.001", "0.3", "0.3"},
                      PercentCase{"3", "0.004", "75000.0"}, PercentCase{"-1", "8", "-12.5"},
                      PercentCase{"1", "-8", "-12.5"}, PercentCase{"-1", "-8", "12.5"},
                      PercentCase{"-1", "3", "-33.3"}, PercentCase{"-2", "3", "-66.7"}));

TEST(DecimalPercent, OtherDigits) {
  EXPECT_EQ(Decimal::percent(d("1"), d("3"), 0).to_string(0), "33");
  EXPECT_EQ(Decimal::percent(d("1"), d("3"), 4).to_string(4), "33.3333");
  EXPECT_EQ(Decimal::percent(d("1"), d("8"), 0).to_string(0), "13");  // 12.5
  EXPECT_EQ(Decimal::percent(d("1"), d("8"), 2).to_string(2), "12.50");
  EXPECT_EQ(Decimal::percent(d("1"), d("3"), 18).to_string(18), "33.333333333333333333");
}

TEST(DecimalPercent, ExtremeButExact) {
  EXPECT_EQ(Decimal::percent(d("0.000000000000000001"), d("999999999999999999"), 1).to_string(1),
            "0.0");
  EXPECT_EQ(Decimal::percent(d("999999999999999999"), d("999999999999999998"), 18).to_string(18),
            "100.000000000000000100");
  // A denominator beyond 10^37 (a computed sum) still divides exactly.
  Decimal big = Decimal::from_int(9000000000000000000LL) + Decimal::from_int(9000000000000000000LL);
  Decimal almost = big - d("0.000000000000000001");
  EXPECT_EQ(Decimal::percent(almost, big, 36).to_string(36),
            "99.999999999999999999999999999999999994");
  EXPECT_EQ(Decimal::percent(almost, big, 1).to_string(1), "100.0");
}

TEST(DecimalPercent, ResultTooLargeThrows) {
  EXPECT_THROW((void)Decimal::percent(d("999999999999999999"), d("0.000000000000000001"), 1),
               std::overflow_error);
}

TEST(DecimalPercent, ZeroDenominatorIsAPreconditionViolation) {
  EXPECT_THROW((void)Decimal::percent(d("1"), d("0.0"), 1), std::invalid_argument);
}

// ---- mean ----

TEST(DecimalMean, SevenCollectionRates) {
  // II-(2)-ウ's seven 収納率 (plan-format.md §6, §9.6).
  std::vector<Decimal> parts{d("99.4"), d("93.8"), d("99.5"), d("98.7"),
                             d("99.1"), d("97.7"), d("71.0")};
  Decimal m = Decimal::mean(parts, 1);
  EXPECT_EQ(m.to_string(1), "94.2");  // 659.2 / 7 = 94.171…
  EXPECT_EQ(m.scale(), 1);
  EXPECT_EQ(m, d("94.2"));
}

TEST(DecimalMean, HalfUpAndScales) {
  EXPECT_EQ(Decimal::mean({d("1"), d("2")}, 0).to_string(0), "2");  // 1.5
  EXPECT_EQ(Decimal::mean({d("1"), d("2")}, 1).to_string(1), "1.5");
  EXPECT_EQ(Decimal::mean({d("-1"), d("-2")}, 0).to_string(0), "-2");
  EXPECT_EQ(Decimal::mean({d("1.25"), d("1.3")}, 1).to_string(1), "1.3");  // 1.275
  EXPECT_EQ(Decimal::mean({d("1.25"), d("1.3")}, 3).to_string(3), "1.275");
  EXPECT_EQ(Decimal::mean({d("1"), d("1"), d("2")}, 2).to_string(2), "1.33");
  EXPECT_EQ(Decimal::mean({d("84.4")}, 1), d("84.4"));
  EXPECT_EQ(Decimal::mean({d("90")}, 1).to_string(1), "90.0");
  EXPECT_EQ(Decimal::mean({d("0.05"), d("0.05")}, 1).to_string(1), "0.1");
}

TEST(DecimalMean, EmptyIsAPreconditionViolation) {
  EXPECT_THROW((void)Decimal::mean({}, 1), std::invalid_argument);
}

// ---- achievement ----

TEST(Achievement, HigherIsBetter) {
  auto r = achievement(d("90"), d("84.4"), Better::higher, d("100"));
  ASSERT_TRUE(r.rate.has_value());
  EXPECT_EQ(r.rate->to_string(1), "93.8");
  EXPECT_EQ(r.judgement, Judgement::unmet);
  EXPECT_EQ(format_rate(r.rate), "93.8%");

  r = achievement(d("100"), d("100"), Better::higher, d("100"));
  EXPECT_EQ(format_rate(r.rate), "100.0%");
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("12000"), d("10614"), Better::higher, d("80"));
  EXPECT_EQ(format_rate(r.rate), "88.5%");
  EXPECT_EQ(r.judgement, Judgement::met);
}

TEST(Achievement, JudgedOnTheRoundedRate) {
  // 99.96% prints as 100.0%, so it is met: a page never shows 100.0% beside ×.
  auto r = achievement(d("2500"), d("2499"), Better::higher, d("100"));
  EXPECT_EQ(format_rate(r.rate), "100.0%");
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("80"), d("79.9"), Better::higher, d("100"));
  EXPECT_EQ(format_rate(r.rate), "99.9%");
  EXPECT_EQ(r.judgement, Judgement::unmet);

  // At a threshold of 80 (第2期): 79.95% rounds to 80.0% and is met; 79.94% is not.
  r = achievement(d("100"), d("79.95"), Better::higher, d("80"));
  EXPECT_EQ(format_rate(r.rate), "80.0%");
  EXPECT_EQ(r.judgement, Judgement::met);
  r = achievement(d("100"), d("79.94"), Better::higher, d("80"));
  EXPECT_EQ(format_rate(r.rate), "79.9%");
  EXPECT_EQ(r.judgement, Judgement::unmet);
}

TEST(Achievement, LowerIsBetter) {
  auto r = achievement(d("105"), d("175"), Better::lower, d("100"));
  ASSERT_TRUE(r.rate.has_value());
  EXPECT_EQ(format_rate(r.rate), "60.0%");
  EXPECT_EQ(r.judgement, Judgement::unmet);

  r = achievement(d("175"), d("105"), Better::lower, d("100"));
  EXPECT_EQ(format_rate(r.rate), "166.7%");
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("70"), d("70.0"), Better::lower, d("100"));
  EXPECT_EQ(format_rate(r.rate), "100.0%");
  EXPECT_EQ(r.judgement, Judgement::met);
}

TEST(Achievement, LowerWithActualZeroHasNoRate) {
  auto r = achievement(d("5"), d("0"), Better::lower, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::met);
  EXPECT_EQ(format_rate(r.rate), "\uFF0D");

  r = achievement(d("0"), d("0.0"), Better::lower, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("-1"), d("0"), Better::lower, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::unmet);
}

TEST(Achievement, HigherWithTargetZeroHasNoRate) {
  auto r = achievement(d("0"), d("3"), Better::higher, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("0.0"), d("0"), Better::higher, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::met);

  r = achievement(d("0"), d("-2"), Better::higher, d("100"));
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_EQ(r.judgement, Judgement::unmet);
}

TEST(Achievement, ZeroActualWithHigherIsZeroPercent) {
  auto r = achievement(d("10"), d("0"), Better::higher, d("100"));
  ASSERT_TRUE(r.rate.has_value());
  EXPECT_EQ(format_rate(r.rate), "0.0%");
  EXPECT_EQ(r.judgement, Judgement::unmet);
}

TEST(AchievementFormatRate, Forms) {
  EXPECT_EQ(format_rate(d("93.8")), "93.8%");
  EXPECT_EQ(format_rate(d("100")), "100.0%");
  EXPECT_EQ(format_rate(d("0")), "0.0%");
  EXPECT_EQ(format_rate(std::nullopt), "－");
  EXPECT_EQ(format_rate(std::nullopt), "\xEF\xBC\x8D");  // U+FF0D in UTF-8
}

}  // namespace
