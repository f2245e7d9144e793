// Exact decimal arithmetic for the figures a reader checks: targets, actuals,
// 達成率 and means (plan-format.md §2, §6, §9.5, §9.6, §9.7). Never binary
// floating point.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiryo::compute {

// An exact decimal number: an integer mantissa and a count of digits after the
// point. Every figure a reader checks (targets, actuals, 達成率, means) is one.
//
// Preconditions are checked: a negative `digits`, a zero denominator or an empty
// mean throws std::invalid_argument; a result whose mantissa (value × 10^scale)
// does not fit in 127 bits, about 1.7 × 10^38, throws std::overflow_error.
// Comparisons never throw.
class Decimal {
 public:
  Decimal() = default;                      // 0 with scale 0
  static Decimal from_int(long long value);
  // Plain decimal text: optional '-', digits, optional '.' and digits ("84.4", "260000", "-5", "0.25").
  // No grouping, no exponent, no '+', no leading '.', no trailing '.'. nullopt otherwise, or when
  // it has more than 18 significant digits (leading zeros do not count) or more than 18 digits
  // after the point.
  static std::optional<Decimal> parse(std::string_view text);
  int scale() const;                        // digits after the point as written/computed ("90" → 0, "84.40" → 2)
  bool is_zero() const;
  bool is_negative() const;
  // Rounded half-up (away from zero at .5) to `digits` decimals (digits may be larger than scale: pads).
  Decimal rounded(int digits) const;
  // "84.4", padded/rounded half-up to `digits` decimals: to_string(1) of 90 → "90.0"; to_string(0) of 2.5 → "3".
  std::string to_string(int digits) const;
  // Same with thousands grouping of the integer part: 260000 → "260,000"; -1234.5 at 1 → "-1,234.5".
  std::string to_grouped_string(int digits) const;
  friend Decimal operator+(const Decimal&, const Decimal&);
  friend Decimal operator-(const Decimal&, const Decimal&);
  friend bool operator==(const Decimal&, const Decimal&);   // by value: 90 == 90.0
  friend std::strong_ordering operator<=>(const Decimal&, const Decimal&);
  // numerator / denominator × 100, rounded half-up to `digits` decimals; exact (no floating point).
  // Precondition: denominator != 0.
  static Decimal percent(const Decimal& numerator, const Decimal& denominator, int digits);
  // The mean of the values, rounded half-up to `digits`. Precondition: non-empty.
  static Decimal mean(const std::vector<Decimal>& values, int digits);

 private:
  __extension__ using Int128 = __int128;

  Decimal(Int128 mantissa, int scale) : mantissa_(mantissa), scale_(scale) {}
  std::string format(int digits, bool grouped) const;

  Int128 mantissa_ = 0;  // value = mantissa_ / 10^scale_
  int scale_ = 0;        // >= 0
};

}  // namespace shiryo::compute
