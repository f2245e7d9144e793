#include "compute/japanese_date.h"

#include <array>

namespace shiryo::compute {
namespace {

struct Era {
  model::CivilDate first_day;
  const char* name;
  const char* initial;
};

// Newest first; 明治 counts from its own start but dates before 1873 are refused.
constexpr std::array<Era, 5> kEras{{
    {{2019, 5, 1}, "令和", "R"},
    {{1989, 1, 8}, "平成", "H"},
    {{1926, 12, 25}, "昭和", "S"},
    {{1912, 7, 30}, "大正", "T"},
    {{1868, 1, 25}, "明治", "M"},
}};

constexpr model::CivilDate kFirstGregorianDate{1873, 1, 1};

const Era* era_of(const model::CivilDate& date) {
  if (date < kFirstGregorianDate) return nullptr;
  for (const auto& era : kEras) {
    if (!(date < era.first_day)) return &era;
  }
  return nullptr;
}

std::string year_text(int year) { return year == 1 ? "元" : std::to_string(year); }

}  // namespace

std::optional<EraYear> era_year(const model::CivilDate& date) {
  const Era* era = era_of(date);
  if (!era) return std::nullopt;
  return EraYear{era->name, date.year - era->first_day.year + 1};
}

std::string format_date(const model::CivilDate& date) {
  const auto ey = era_year(date);
  if (!ey) return {};
  return ey->era + year_text(ey->year) + "年" + std::to_string(date.month) + "月" +
         std::to_string(date.day) + "日";
}

std::string weekday_kanji(const model::CivilDate& date) {
  static constexpr std::array<const char*, 7> kNames{"日", "月", "火", "水", "木", "金", "土"};
  return kNames[static_cast<std::size_t>(model::weekday(date))];
}

std::string format_time_of_day(int hour, int minute) {
  if (hour == 12 && minute == 0) return "正午";
  std::string out = hour < 12 ? "午前" : "午後";
  out += std::to_string(hour % 12) + "時";
  if (minute != 0) out += std::to_string(minute) + "分";
  return out;
}

std::string format_date_time(const model::DateTime& when) {
  std::string out = format_date(when.date) + "（" + weekday_kanji(when.date) + "）";
  if (when.has_time) out += format_time_of_day(when.hour, when.minute);
  return out;
}

std::optional<EraYear> fiscal_era_year(int fy) {
  if (fy == 2019) return EraYear{"令和", 1};
  return era_year(model::CivilDate{fy, 4, 1});
}

std::string format_fiscal_year(int fy) {
  const auto ey = fiscal_era_year(fy);
  if (!ey) return {};
  return ey->era + year_text(ey->year) + "年度";
}

std::string format_fiscal_year_short(int fy) {
  const auto ey = fiscal_era_year(fy);
  if (!ey) return {};
  const model::CivilDate first = fy == 2019 ? model::CivilDate{2019, 5, 1}
                                            : model::CivilDate{fy, 4, 1};
  return std::string(era_of(first)->initial) + std::to_string(ey->year);
}

std::optional<int> parse_fiscal_year(const std::string& text) {
  const auto number = [](const std::string& digits) -> std::optional<int> {
    if (digits == "元") return 1;
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int n = 0;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  std::string rest = text;
  if (rest.size() >= 6 && rest.compare(rest.size() - 6, 6, "年度") == 0) rest.resize(rest.size() - 6);
  if (const auto western = number(rest); western && rest.size() == 4) {
    if (*western < 1873 || *western > 9999) return std::nullopt;
    return *western;
  }
  for (const Era& era : kEras) {
    std::optional<int> year;
    const std::string name = era.name;
    if (rest.compare(0, name.size(), name) == 0) {
      year = number(rest.substr(name.size()));
    } else if (!rest.empty() && (rest[0] == era.initial[0] || rest[0] == era.initial[0] + ('a' - 'A'))) {
      year = number(rest.substr(1));
    }
    if (!year || *year < 1) continue;
    const int fy = era.first_day.year + *year - 1;
    // The era printed for the year, or the one in force on its 1 April.
    const auto printed = fiscal_era_year(fy);
    const auto april = era_year(model::CivilDate{fy, 4, 1});
    if ((printed && printed->era == name && printed->year == *year) || (april && april->era == name && april->year == *year)) {
      return fy;
    }
  }
  return std::nullopt;
}

int fiscal_year_of(const model::CivilDate& date) { return date.month >= 4 ? date.year : date.year - 1; }

}  // namespace shiryo::compute
