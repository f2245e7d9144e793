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

}  // namespace shiryo::compute
