// Dates, times and fiscal years in the Japanese era calendar
// (plan-format.md §2, §9.11, §9.12).
#pragma once

#include <optional>
#include <string>

#include "model/date.h"

namespace shiryo::compute {

struct EraYear {
  std::string era;  // 令和
  int year = 0;     // 1 prints as 元
};

// nullopt before 1873-01-01 (明治6年1月1日), the first day of the Gregorian calendar in Japan.
std::optional<EraYear> era_year(const model::CivilDate& date);

// 令和6年3月14日 (元年 for year 1).
std::string format_date(const model::CivilDate& date);
// 木 (the weekday's kanji).
std::string weekday_kanji(const model::CivilDate& date);
// 午前10時, 午前10時30分, 午後2時, 正午, 午後0時30分, 午前0時.
std::string format_time_of_day(int hour, int minute);
// 令和6年3月14日（木）午後2時 — with the time only when `when` has one.
std::string format_date_time(const model::DateTime& when);

// The era in force on 1 April of `fy`, except FY2019 which is 令和元年度.
std::optional<EraYear> fiscal_era_year(int fy);
// 令和5年度.
std::string format_fiscal_year(int fy);
// R5 (the layout's short form).
std::string format_fiscal_year_short(int fy);

// A fiscal year as a clerk types it: 2023, 令和5年度, 令和5, 令和元年度, R5, r5
// (and 平成31年度 for 2019, the era in force on its 1 April); nullopt for
// anything else or a year outside 1873 … 9999.
std::optional<int> parse_fiscal_year(const std::string& text);

// The fiscal year a day falls in: 2024-03-14 → 2023.
int fiscal_year_of(const model::CivilDate& date);

}  // namespace shiryo::compute
