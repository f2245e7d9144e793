// compute/japanese_date.h: the Japanese era calendar (plan-format.md §2,
// §9.11, §9.12).
#include "compute/japanese_date.h"

#include <gtest/gtest.h>

namespace {

using shiryo::compute::era_year;
using shiryo::compute::fiscal_era_year;
using shiryo::compute::format_date;
using shiryo::compute::format_date_time;
using shiryo::compute::format_fiscal_year;
using shiryo::compute::format_fiscal_year_short;
using shiryo::compute::fiscal_year_of;
using shiryo::compute::format_time_of_day;
using shiryo::compute::parse_fiscal_year;
using shiryo::compute::weekday_kanji;
using shiryo::model::CivilDate;
using shiryo::model::DateTime;

struct EraCase {
  CivilDate date;
  const char* era;
  int year;
  const char* printed;
};

class EraBoundary : public ::testing::TestWithParam<EraCase> {};

TEST_P(EraBoundary, EraYearAndPrintedDate) {
  const EraCase& c = GetParam();
  const auto ey = era_year(c.date);
  ASSERT_TRUE(ey.has_value()) << c.printed;
  EXPECT_EQ(ey->era, c.era);
  EXPECT_EQ(ey->year, c.year);
  EXPECT_EQ(format_date(c.date), c.printed);
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, EraBoundary,
    ::testing::Values(EraCase{{2019, 4, 30}, "平成", 31, "平成31年4月30日"},
                      EraCase{{2019, 5, 1}, "令和", 1, "令和元年5月1日"},
                      EraCase{{2019, 12, 31}, "令和", 1, "令和元年12月31日"},
                      EraCase{{2020, 1, 1}, "令和", 2, "令和2年1月1日"},
                      EraCase{{2024, 3, 14}, "令和", 6, "令和6年3月14日"},
                      EraCase{{1989, 1, 7}, "昭和", 64, "昭和64年1月7日"},
                      EraCase{{1989, 1, 8}, "平成", 1, "平成元年1月8日"},
                      EraCase{{1990, 1, 1}, "平成", 2, "平成2年1月1日"},
                      EraCase{{1926, 12, 24}, "大正", 15, "大正15年12月24日"},
                      EraCase{{1926, 12, 25}, "昭和", 1, "昭和元年12月25日"},
                      EraCase{{1927, 1, 1}, "昭和", 2, "昭和2年1月1日"},
                      EraCase{{1912, 7, 29}, "明治", 45, "明治45年7月29日"},
                      EraCase{{1912, 7, 30}, "大正", 1, "大正元年7月30日"},
                      EraCase{{1873, 1, 1}, "明治", 6, "明治6年1月1日"}));

TEST(EraYear, BeforeTheGregorianCalendarIsRefused) {
  EXPECT_FALSE(era_year(CivilDate{1872, 12, 31}).has_value());
  EXPECT_EQ(format_date(CivilDate{1872, 12, 31}), "");
  EXPECT_FALSE(era_year(CivilDate{1868, 10, 23}).has_value());
  EXPECT_FALSE(era_year(CivilDate{1800, 1, 1}).has_value());
}

TEST(WeekdayKanji, EveryDayOfAWeek) {
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 14}), "木");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 15}), "金");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 16}), "土");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 17}), "日");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 18}), "月");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 19}), "火");
  EXPECT_EQ(weekday_kanji(CivilDate{2024, 3, 20}), "水");
}

TEST(FormatTimeOfDay, Morning) {
  EXPECT_EQ(format_time_of_day(10, 0), "午前10時");
  EXPECT_EQ(format_time_of_day(10, 30), "午前10時30分");
  EXPECT_EQ(format_time_of_day(9, 5), "午前9時5分");
}

TEST(FormatTimeOfDay, Afternoon) {
  EXPECT_EQ(format_time_of_day(14, 0), "午後2時");
  EXPECT_EQ(format_time_of_day(23, 59), "午後11時59分");
}

TEST(FormatTimeOfDay, NoonAndMidnight) {
  EXPECT_EQ(format_time_of_day(12, 0), "正午");
  EXPECT_EQ(format_time_of_day(12, 30), "午後0時30分");
  EXPECT_EQ(format_time_of_day(0, 0), "午前0時");
  EXPECT_EQ(format_time_of_day(0, 15), "午前0時15分");
}

TEST(FormatDateTime, WithTime) {
  DateTime when;
  when.date = CivilDate{2024, 3, 14};
  when.hour = 14;
  when.minute = 0;
  when.has_time = true;
  EXPECT_EQ(format_date_time(when), "令和6年3月14日（木）午後2時");
}

TEST(FormatDateTime, WithoutTime) {
  DateTime when;
  when.date = CivilDate{2024, 3, 14};
  when.hour = 14;  // ignored: no time was written
  when.has_time = false;
  EXPECT_EQ(format_date_time(when), "令和6年3月14日（木）");
}

TEST(FormatDateTime, FirstDayOfReiwaAtNoon) {
  DateTime when;
  when.date = CivilDate{2019, 5, 1};
  when.hour = 12;
  when.has_time = true;
  EXPECT_EQ(format_date_time(when), "令和元年5月1日（水）正午");
}

TEST(FiscalYear, Printed) {
  EXPECT_EQ(format_fiscal_year(2023), "令和5年度");
  EXPECT_EQ(format_fiscal_year(2019), "令和元年度");  // not 平成31年度 (§9.11)
  EXPECT_EQ(format_fiscal_year(2018), "平成30年度");
  EXPECT_EQ(format_fiscal_year(2020), "令和2年度");
  EXPECT_EQ(format_fiscal_year(1988), "昭和63年度");
  // FY1988 runs to 1989-03-31 but takes the era of 1 April 1988.
  EXPECT_EQ(format_fiscal_year(1989), "平成元年度");
  EXPECT_EQ(format_fiscal_year(1990), "平成2年度");
}

TEST(FiscalYear, EraYear) {
  const auto fy2019 = fiscal_era_year(2019);
  ASSERT_TRUE(fy2019.has_value());
  EXPECT_EQ(fy2019->era, "令和");
  EXPECT_EQ(fy2019->year, 1);
  const auto fy2018 = fiscal_era_year(2018);
  ASSERT_TRUE(fy2018.has_value());
  EXPECT_EQ(fy2018->era, "平成");
  EXPECT_EQ(fy2018->year, 30);
}

TEST(FiscalYear, Short) {
  EXPECT_EQ(format_fiscal_year_short(2023), "R5");
  EXPECT_EQ(format_fiscal_year_short(2020), "R2");
  EXPECT_EQ(format_fiscal_year_short(2018), "H30");
}

TEST(FiscalYear, ParsedAsAClerkTypesIt) {
  for (const char* text : {"2023", "2023年度", "令和5年度", "令和5", "R5", "r5"}) EXPECT_EQ(parse_fiscal_year(text), 2023) << text;
  // FY2019 prints as 令和元年度 but began in 平成31年.
  for (const char* text : {"令和元年度", "令和1", "R1", "平成31年度", "H31"}) EXPECT_EQ(parse_fiscal_year(text), 2019) << text;
  EXPECT_EQ(parse_fiscal_year("H30"), 2018);
  EXPECT_EQ(parse_fiscal_year("昭和64年度"), std::nullopt);  // 1989-04-01 was 平成元年
  EXPECT_EQ(parse_fiscal_year("平成元年度"), 1989);
  EXPECT_EQ(parse_fiscal_year("明治6"), 1873);
  for (const char* text : {"", "1872", "平成32", "令和0", "R", "X5", "５", "2023年", "令和5年度度", "20230"}) {
    EXPECT_EQ(parse_fiscal_year(text), std::nullopt) << text;
  }
}

TEST(FiscalYear, OfADayStartsInApril) {
  EXPECT_EQ(fiscal_year_of(CivilDate{2024, 3, 14}), 2023);
  EXPECT_EQ(fiscal_year_of(CivilDate{2024, 3, 31}), 2023);
  EXPECT_EQ(fiscal_year_of(CivilDate{2024, 4, 1}), 2024);
}

}  // namespace
