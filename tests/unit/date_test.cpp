// model/date.h: ISO 8601 dates and times as written in packet files
// (plan-format.md §2).
#include "model/date.h"

#include <gtest/gtest.h>

namespace {

using shiryo::model::CivilDate;
using shiryo::model::civil_from_days;
using shiryo::model::days_from_civil;
using shiryo::model::days_in_month;
using shiryo::model::parse_date;
using shiryo::model::parse_date_time;
using shiryo::model::weekday;

TEST(ParseDate, AcceptsAValidDate) {
  const auto d = parse_date("2024-03-14");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->year, 2024);
  EXPECT_EQ(d->month, 3);
  EXPECT_EQ(d->day, 14);
}

TEST(ParseDate, AcceptsLeapDayInLeapYear) {
  const auto d = parse_date("2024-02-29");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (CivilDate{2024, 2, 29}));
  // 2000 is a leap year (divisible by 400).
  EXPECT_TRUE(parse_date("2000-02-29").has_value());
}

TEST(ParseDate, RejectsLeapDayInCommonYear) {
  EXPECT_FALSE(parse_date("2023-02-29").has_value());
  // 1900 is not a leap year (divisible by 100, not by 400).
  EXPECT_FALSE(parse_date("1900-02-29").has_value());
}

TEST(ParseDate, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(parse_date("2024-02-30").has_value());
  EXPECT_FALSE(parse_date("2024-04-31").has_value());
  EXPECT_FALSE(parse_date("2024-01-32").has_value());
  EXPECT_FALSE(parse_date("2024-01-00").has_value());
  EXPECT_TRUE(parse_date("2024-01-31").has_value());
  EXPECT_TRUE(parse_date("2024-12-31").has_value());
}

TEST(ParseDate, RejectsMonthsThatDoNotExist) {
  EXPECT_FALSE(parse_date("2024-13-01").has_value());
  EXPECT_FALSE(parse_date("2024-00-01").has_value());
}

TEST(ParseDate, RejectsMissingZeroPadding) {
  EXPECT_FALSE(parse_date("2024-3-14").has_value());
  EXPECT_FALSE(parse_date("2024-03-4").has_value());
  EXPECT_FALSE(parse_date("24-03-14").has_value());
}

TEST(ParseDate, RejectsOtherShapes) {
  EXPECT_FALSE(parse_date("").has_value());
  EXPECT_FALSE(parse_date("2024/03/14").has_value());
  EXPECT_FALSE(parse_date("2024-03-14 ").has_value());
  EXPECT_FALSE(parse_date(" 2024-03-14").has_value());
  EXPECT_FALSE(parse_date("2024-03-14T14:00").has_value());  // a date, not a date-time
  EXPECT_FALSE(parse_date("2024-O3-14").has_value());
  EXPECT_FALSE(parse_date("+024-03-14").has_value());
}

TEST(ParseDateTime, DateOnlyHasNoTime) {
  const auto dt = parse_date_time("2024-03-14");
  ASSERT_TRUE(dt.has_value());
  EXPECT_EQ(dt->date, (CivilDate{2024, 3, 14}));
  EXPECT_FALSE(dt->has_time);
  EXPECT_FALSE(dt->utc_offset_minutes.has_value());
}

TEST(ParseDateTime, HoursAndMinutes) {
  const auto dt = parse_date_time("2024-03-14T14:00");
  ASSERT_TRUE(dt.has_value());
  EXPECT_EQ(dt->date, (CivilDate{2024, 3, 14}));
  EXPECT_TRUE(dt->has_time);
  EXPECT_EQ(dt->hour, 14);
  EXPECT_EQ(dt->minute, 0);
  EXPECT_EQ(dt->second, 0);
  EXPECT_FALSE(dt->utc_offset_minutes.has_value());
}

TEST(ParseDateTime, Seconds) {
  const auto dt = parse_date_time("2024-03-14T14:00:05");
  ASSERT_TRUE(dt.has_value());
  EXPECT_TRUE(dt->has_time);
  EXPECT_EQ(dt->hour, 14);
  EXPECT_EQ(dt->minute, 0);
  EXPECT_EQ(dt->second, 5);
}

TEST(ParseDateTime, ZuluIsOffsetZero) {
  const auto dt = parse_date_time("2024-03-14T14:00Z");
  ASSERT_TRUE(dt.has_value());
  ASSERT_TRUE(dt->utc_offset_minutes.has_value());
  EXPECT_EQ(*dt->utc_offset_minutes, 0);
}

TEST(ParseDateTime, PositiveOffset) {
  const auto dt = parse_date_time("2024-03-14T09:30:00+09:00");
  ASSERT_TRUE(dt.has_value());
  EXPECT_EQ(dt->hour, 9);
  EXPECT_EQ(dt->minute, 30);
  ASSERT_TRUE(dt->utc_offset_minutes.has_value());
  EXPECT_EQ(*dt->utc_offset_minutes, 540);
}

TEST(ParseDateTime, NegativeOffsetWithMinutes) {
  const auto dt = parse_date_time("2024-03-14T14:00-05:30");
  ASSERT_TRUE(dt.has_value());
  ASSERT_TRUE(dt->utc_offset_minutes.has_value());
  EXPECT_EQ(*dt->utc_offset_minutes, -(5 * 60 + 30));
}

TEST(ParseDateTime, RejectsOutOfRangeTimes) {
  EXPECT_FALSE(parse_date_time("2024-03-14T24:00").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:60").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00:60").has_value());
  EXPECT_TRUE(parse_date_time("2024-03-14T23:59:59").has_value());
  EXPECT_TRUE(parse_date_time("2024-03-14T00:00").has_value());
}

TEST(ParseDateTime, RejectsTrailingJunk) {
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00x").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00 ").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00Zjunk").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00+09:00:00").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14x").has_value());
}

TEST(ParseDateTime, RejectsMalformedTimesAndOffsets) {
  EXPECT_FALSE(parse_date_time("2024-03-14T").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T1:00").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00:5").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00+0900").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00+9:00").has_value());
  EXPECT_FALSE(parse_date_time("2024-03-14T14:00+").has_value());
}

TEST(ParseDateTime, RejectsAnImpossibleDate) {
  EXPECT_FALSE(parse_date_time("2023-02-29T10:00").has_value());
  EXPECT_FALSE(parse_date_time("2024-3-14T10:00").has_value());
}

TEST(Weekday, KnownDays) {
  EXPECT_EQ(weekday(CivilDate{2024, 3, 14}), 4);   // Thursday
  EXPECT_EQ(weekday(CivilDate{1970, 1, 1}), 4);    // Thursday
  EXPECT_EQ(weekday(CivilDate{2024, 3, 17}), 0);   // Sunday
  EXPECT_EQ(weekday(CivilDate{2024, 3, 16}), 6);   // Saturday
  EXPECT_EQ(weekday(CivilDate{2019, 5, 1}), 3);    // Wednesday
  EXPECT_EQ(weekday(CivilDate{1873, 1, 1}), 3);    // Wednesday
  EXPECT_EQ(weekday(CivilDate{1872, 12, 31}), 2);  // Tuesday (before the epoch: negative days)
}

TEST(DaysInMonth, LeapRules) {
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2000, 2), 29);
  EXPECT_EQ(days_in_month(2024, 4), 30);
  EXPECT_EQ(days_in_month(2024, 12), 31);
}

TEST(CivilDays, EpochIsZero) {
  EXPECT_EQ(days_from_civil(CivilDate{1970, 1, 1}), 0);
  EXPECT_EQ(civil_from_days(0), (CivilDate{1970, 1, 1}));
  EXPECT_EQ(days_from_civil(CivilDate{1970, 1, 2}), 1);
  EXPECT_EQ(days_from_civil(CivilDate{1969, 12, 31}), -1);
}

TEST(CivilDays, KnownValues) {
  // Counted independently: 97 years of 365 days and 23 leap days (1876…1968, not 1900).
  EXPECT_EQ(days_from_civil(CivilDate{1873, 1, 1}), -35428);
  EXPECT_EQ(days_from_civil(CivilDate{2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil(CivilDate{2024, 2, 29}), 19782);
  EXPECT_EQ(civil_from_days(-35428), (CivilDate{1873, 1, 1}));
  EXPECT_EQ(civil_from_days(19782), (CivilDate{2024, 2, 29}));
}

TEST(CivilDays, RoundTripOverARange) {
  // From 1872-12-01 to 2101-01-01, every day: consecutive days, valid dates,
  // and the round trip back to the same number.
  const long long first = days_from_civil(CivilDate{1872, 12, 1});
  const long long last = days_from_civil(CivilDate{2101, 1, 1});
  ASSERT_LT(first, last);
  CivilDate previous = civil_from_days(first - 1);
  int failures = 0;
  for (long long n = first; n <= last && failures < 10; ++n) {
    const CivilDate d = civil_from_days(n);
    if (days_from_civil(d) != n) {
      ADD_FAILURE() << "round trip of " << n << " gives " << days_from_civil(d);
      ++failures;
    }
    if (!(previous < d)) {
      ADD_FAILURE() << "day " << n << " does not follow the one before";
      ++failures;
    }
    if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
      ADD_FAILURE() << "day " << n << " is " << d.year << "-" << d.month << "-" << d.day;
      ++failures;
    }
    // The next day is either day + 1, or the first of the next month / year.
    const bool next_day = d.year == previous.year && d.month == previous.month &&
                          d.day == previous.day + 1;
    const bool next_month = d.year == previous.year && d.month == previous.month + 1 &&
                            d.day == 1 && previous.day == days_in_month(previous.year, previous.month);
    const bool next_year = d.year == previous.year + 1 && d.month == 1 && d.day == 1 &&
                           previous.month == 12 && previous.day == 31;
    if (!(next_day || next_month || next_year)) {
      ADD_FAILURE() << "day " << n << " skips or repeats a date";
      ++failures;
    }
    previous = d;
  }
  EXPECT_EQ(previous, (CivilDate{2101, 1, 1}));
}

TEST(CivilDays, WeekdaysAdvanceByOne) {
  CivilDate d{1872, 12, 25};
  int w = weekday(d);
  for (int k = 0; k < 800; ++k) {
    d = civil_from_days(days_from_civil(d) + 1);
    const int next = weekday(d);
    ASSERT_EQ(next, (w + 1) % 7) << d.year << "-" << d.month << "-" << d.day;
    ASSERT_GE(next, 0);
    ASSERT_LE(next, 6);
    w = next;
  }
}

}  // namespace
