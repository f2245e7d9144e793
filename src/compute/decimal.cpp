#include "compute/decimal.h"

#include <algorithm>
#include <stdexcept>

namespace shiryo::compute {
namespace {

__extension__ using Int128 = __int128;

// Values stay within [-kMax, kMax] so that negation never overflows.
constexpr Int128 kMax = (Int128{1} << 126) - 1 + (Int128{1} << 126);  // 2^127 - 1

constexpr int kMaxParsedDigits = 18;

[[noreturn]] void overflow() { throw std::overflow_error("shiryo::compute::Decimal: overflow"); }

void require_digits(int digits) {
  if (digits < 0) throw std::invalid_argument("shiryo::compute::Decimal: negative digits");
}

Int128 abs128(Int128 v) { return v < 0 ? -v : v; }

std::optional<Int128> checked_mul(Int128 a, Int128 b) {
  if (a == 0 || b == 0) return Int128{0};
  if (abs128(b) > kMax / abs128(a)) return std::nullopt;
  return a * b;
}

Int128 mul(Int128 a, Int128 b) {
  auto product = checked_mul(a, b);
  if (!product) overflow();
  return *product;
}

Int128 add(Int128 a, Int128 b) {
  if (b > 0 && a > kMax - b) overflow();
  if (b < 0 && a < -kMax - b) overflow();
  return a + b;
}

// 10^exponent, nullopt when it does not fit.
std::optional<Int128> checked_pow10(int exponent) {
  Int128 result = 1;
  for (int i = 0; i < exponent; ++i) {
    auto next = checked_mul(result, 10);
    if (!next) return std::nullopt;
    result = *next;
  }
  return result;
}

Int128 pow10(int exponent) {
  auto result = checked_pow10(exponent);
  if (!result) overflow();
  return *result;
}

// mantissa × 10^exponent, nullopt when it does not fit.
std::optional<Int128> checked_scale_up(Int128 mantissa, int exponent) {
  if (mantissa == 0) return Int128{0};
  auto factor = checked_pow10(exponent);
  if (!factor) return std::nullopt;
  return checked_mul(mantissa, *factor);
}

// numerator × 10^shift / denominator, rounded half-up (away from zero at .5).
// numerator >= 0, denominator > 0. Long division one decimal digit at a time, so
// nothing larger than the result or the denominator is ever formed.
Int128 divide_half_up(Int128 numerator, Int128 denominator, int shift) {
  Int128 quotient = numerator / denominator;
  Int128 remainder = numerator % denominator;
  for (int i = 0; i < shift; ++i) {
    // remainder < denominator <= kMax; remainder × 10 may not fit when the
    // denominator is huge, so split it.
    Int128 digit = 0;
    Int128 next = 0;
    if (remainder <= kMax / 10) {
      next = remainder * 10;
      digit = next / denominator;
      next %= denominator;
    } else {
      for (int k = 0; k < 10; ++k) {
        // next += remainder (mod denominator), counting carries into digit.
        if (next >= denominator - remainder) {
          next = next - (denominator - remainder);
          ++digit;
        } else {
          next += remainder;
        }
      }
    }
    quotient = add(mul(quotient, 10), digit);
    remainder = next;
  }
  // Half-up: the dropped fraction remainder / denominator is at least one half.
  if (remainder >= denominator - remainder) quotient = add(quotient, 1);
  return quotient;
}

void append_digits(std::string& out, Int128 value) {
  // value >= 0
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(value % 10)));
    value /= 10;
  } while (value != 0);
  out.append(digits.rbegin(), digits.rend());
}

}  // namespace

Decimal Decimal::from_int(long long value) { return Decimal(static_cast<Int128>(value), 0); }

std::optional<Decimal> Decimal::parse(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    ++pos;
  }
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  Int128 mantissa = 0;
  int significant = 0;
  int scale = 0;
  auto take_digits = [&](bool fraction) {
    std::size_t start = pos;
    while (pos < text.size() && is_digit(text[pos])) {
      int digit = text[pos] - '0';
      if (significant > 0 || digit != 0) ++significant;
      // At most 18 + 18 digits are kept, far inside 128 bits; the limits are checked below.
      if (significant <= kMaxParsedDigits) mantissa = mantissa * 10 + digit;
      if (fraction && scale <= kMaxParsedDigits) ++scale;  // enough to reject
      ++pos;
    }
    return pos > start;
  };
  if (!take_digits(false)) return std::nullopt;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (!take_digits(true)) return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;
  if (significant > kMaxParsedDigits || scale > kMaxParsedDigits) return std::nullopt;
  return Decimal(negative ? -mantissa : mantissa, scale);
}

int Decimal::scale() const { return scale_; }

bool Decimal::is_zero() const { return mantissa_ == 0; }

bool Decimal::is_negative() const { return mantissa_ < 0; }

Decimal Decimal::rounded(int digits) const {
  require_digits(digits);
  if (digits >= scale_) return Decimal(mul(mantissa_, pow10(digits - scale_)), digits);
  Int128 magnitude = divide_half_up(abs128(mantissa_), pow10(scale_ - digits), 0);
  return Decimal(mantissa_ < 0 ? -magnitude : magnitude, digits);
}

std::string Decimal::format(int digits, bool grouped) const {
  Decimal r = rounded(digits);
  Int128 magnitude = abs128(r.mantissa_);
  Int128 unit = pow10(digits);
  std::string integer;
  append_digits(integer, magnitude / unit);
  std::string out;
  if (r.mantissa_ < 0) out.push_back('-');
  if (grouped) {
    for (std::size_t i = 0; i < integer.size(); ++i) {
      if (i != 0 && (integer.size() - i) % 3 == 0) out.push_back(',');
      out.push_back(integer[i]);
    }
  } else {
    out += integer;
  }
  if (digits > 0) {
    std::string fraction;
    append_digits(fraction, magnitude % unit);
    out.push_back('.');
    out.append(static_cast<std::size_t>(digits) - fraction.size(), '0');
    out += fraction;
  }
  return out;
}

std::string Decimal::to_string(int digits) const { return format(digits, false); }

std::string Decimal::to_grouped_string(int digits) const { return format(digits, true); }

Decimal operator+(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  Decimal::Int128 left = mul(a.mantissa_, pow10(scale - a.scale_));
  Decimal::Int128 right = mul(b.mantissa_, pow10(scale - b.scale_));
  return Decimal(add(left, right), scale);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  return a + Decimal(-b.mantissa_, b.scale_);
}

bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  // Bring both to the larger scale. Only one side is scaled; if that overflows,
  // its magnitude exceeds anything the other side can hold.
  if (a.scale_ == b.scale_) return a.mantissa_ <=> b.mantissa_;
  if (a.scale_ < b.scale_) {
    auto left = checked_scale_up(a.mantissa_, b.scale_ - a.scale_);
    if (!left) return a.mantissa_ < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
    return *left <=> b.mantissa_;
  }
  auto right = checked_scale_up(b.mantissa_, a.scale_ - b.scale_);
  if (!right) return b.mantissa_ < 0 ? std::strong_ordering::greater : std::strong_ordering::less;
  return a.mantissa_ <=> *right;
}

Decimal Decimal::percent(const Decimal& numerator, const Decimal& denominator, int digits) {
  require_digits(digits);
  if (denominator.is_zero()) {
    throw std::invalid_argument("shiryo::compute::Decimal::percent: zero denominator");
  }
  // (n / 10^ns) / (d / 10^ds) × 100 = (n × 10^ds) / (d × 10^ns) × 10^2; cancel the
  // common power of ten first so that only one side is scaled.
  int common = std::min(numerator.scale_, denominator.scale_);
  Int128 top = mul(abs128(numerator.mantissa_), pow10(denominator.scale_ - common));
  Int128 bottom = mul(abs128(denominator.mantissa_), pow10(numerator.scale_ - common));
  Int128 magnitude = divide_half_up(top, bottom, digits + 2);
  bool negative = (numerator.mantissa_ < 0) != (denominator.mantissa_ < 0);
  return Decimal(negative ? -magnitude : magnitude, digits);
}

Decimal Decimal::mean(const std::vector<Decimal>& values, int digits) {
  require_digits(digits);
  if (values.empty()) throw std::invalid_argument("shiryo::compute::Decimal::mean: no values");
  Decimal sum;
  for (const Decimal& value : values) sum = sum + value;
  // (s / 10^ss) / count at `digits` decimals = s × 10^digits / (count × 10^ss).
  Int128 count = static_cast<Int128>(values.size());
  int common = std::min(sum.scale_, digits);
  Int128 bottom = mul(count, pow10(sum.scale_ - common));
  Int128 magnitude = divide_half_up(abs128(sum.mantissa_), bottom, digits - common);
  return Decimal(sum.mantissa_ < 0 ? -magnitude : magnitude, digits);
}

}  // namespace shiryo::compute
