// Calendar dates and times as written in packet files (ISO 8601).
#pragma once

#include <optional>
#include <string_view>

namespace shiryo::model {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

struct DateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  bool has_time = false;
  std::optional<int> utc_offset_minutes;  // absent: local time of the meeting
};

int days_in_month(int year, int month);
// 0 = Sunday … 6 = Saturday.
int weekday(const CivilDate& date);
// Days since 1970-01-01 (proleptic Gregorian), and back.
long long days_from_civil(const CivilDate& date);
CivilDate civil_from_days(long long days);

// `2024-03-14`; nullopt unless the date exists.
std::optional<CivilDate> parse_date(std::string_view text);
// `2024-03-14`, `2024-03-14T14:00`, `2024-03-14T14:00:05`, each optionally
// followed by `Z` or `+09:00`.
std::optional<DateTime> parse_date_time(std::string_view text);

}  // namespace shiryo::model
