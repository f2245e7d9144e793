#include "model/date.h"

#include <charconv>

namespace shiryo::model {
namespace {

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Reads exactly `width` digits at `pos`.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + width, out);
  pos += width;
  return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
  if (pos >= text.size() || text[pos] != c) return false;
  ++pos;
  return true;
}

std::optional<CivilDate> read_date(std::string_view text, std::size_t& pos) {
  CivilDate d;
  if (!read_digits(text, pos, 4, d.year) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, d.month) || !expect(text, pos, '-') ||
      !read_digits(text, pos, 2, d.day)) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && leap(year)) return 29;
  return kDays[month - 1];
}

// Howard Hinnant's days_from_civil.
long long days_from_civil(const CivilDate& date) {
  const long long y = date.year - (date.month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long mp = (date.month + 9) % 12;
  const long long doy = (153 * mp + 2) / 5 + date.day - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const long long d = doy - (153 * mp + 2) / 5 + 1;
  const long long m = mp < 10 ? mp + 3 : mp - 9;
  const long long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

int weekday(const CivilDate& date) {
  const long long days = days_from_civil(date);  // 1970-01-01 was a Thursday
  return static_cast<int>(((days % 7) + 11) % 7);
}

std::optional<CivilDate> parse_date(std::string_view text) {
  std::size_t pos = 0;
  auto d = read_date(text, pos);
  if (!d || pos != text.size()) return std::nullopt;
  return d;
}

std::optional<DateTime> parse_date_time(std::string_view text) {
  std::size_t pos = 0;
  DateTime dt;
  auto d = read_date(text, pos);
  if (!d) return std::nullopt;
  dt.date = *d;
  if (pos < text.size() && text[pos] == 'T') {
    ++pos;
    if (!read_digits(text, pos, 2, dt.hour) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, dt.minute)) {
      return std::nullopt;
    }
    if (pos < text.size() && text[pos] == ':' &&
        (++pos, !read_digits(text, pos, 2, dt.second))) {
      return std::nullopt;
    }
    if (dt.hour > 23 || dt.minute > 59 || dt.second > 59) return std::nullopt;
    dt.has_time = true;
  }
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
    dt.utc_offset_minutes = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0;
    int om = 0;
    if (!read_digits(text, pos, 2, oh) || !expect(text, pos, ':') ||
        !read_digits(text, pos, 2, om) || oh > 14 || om > 59) {
      return std::nullopt;
    }
    dt.utc_offset_minutes = sign * (oh * 60 + om);
  }
  if (pos != text.size()) return std::nullopt;
  return dt;
}

}  // namespace shiryo::model
