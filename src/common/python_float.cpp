// Python's float repr and round(), which the contracts' clients see in every body.
#include "src/common/python_float.hpp"

#include <array>
#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>

namespace smistat::common {

namespace {

// Shortest round-trip digits of |v| and the decimal point position: v = 0.DIGITS x 10^decpt.
struct shortest_digits {
  std::array<char, 20> digits{};
  int count = 0;
  int decpt = 0;
};

shortest_digits shortest(double v) {
  std::array<char, 32> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), std::fabs(v),
                                 std::chars_format::scientific);
  shortest_digits d;
  const char* p = buf.data();
  for (; p != res.ptr && *p != 'e'; ++p)
    if (*p != '.') d.digits[static_cast<std::size_t>(d.count++)] = *p;
  // to_chars writes `e+16` / `e-05`; from_chars takes no `+`.
  ++p;
  const bool negative_exp = *p == '-';
  int exp = 0;
  std::from_chars(p + 1, res.ptr, exp);
  d.decpt = (negative_exp ? -exp : exp) + 1;
  return d;
}

void append_fixed(std::string& out, const shortest_digits& d) {
  const std::string_view digits(d.digits.data(), static_cast<std::size_t>(d.count));
  if (d.decpt <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-d.decpt), '0');
    out.append(digits);
  } else if (d.decpt >= d.count) {
    out.append(digits);
    out.append(static_cast<std::size_t>(d.decpt - d.count), '0');
    out.append(".0");
  } else {
    const auto split = static_cast<std::size_t>(d.decpt);
    out.append(digits.substr(0, split));
    out.push_back('.');
    out.append(digits.substr(split));
  }
}

// Python's exponent form: `1e+16`, `1.5e-07` (at least two exponent digits).
void append_exponent(std::string& out, const shortest_digits& d) {
  out.push_back(d.digits[0]);
  if (d.count > 1) {
    out.push_back('.');
    out.append(d.digits.data() + 1, static_cast<std::size_t>(d.count - 1));
  }
  const int exp = d.decpt - 1;
  out.push_back('e');
  out.push_back(exp < 0 ? '-' : '+');
  const int magnitude = exp < 0 ? -exp : exp;
  if (magnitude < 10) out.push_back('0');
  std::array<char, 8> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), magnitude);
  out.append(buf.data(), res.ptr);
}

}  // namespace

void append_python_float(std::string& out, double v) {
  assert(std::isfinite(v) && "NaN/Inf must not reach the JSON writer");
  if (!std::isfinite(v)) {
    out.append("0.0");
    return;
  }
  if (std::signbit(v)) out.push_back('-');
  const shortest_digits d = shortest(v);
  // float_repr_style 'r': positional for 1e-4 <= |v| < 1e16.
  if (d.decpt > -4 && d.decpt <= 16)
    append_fixed(out, d);
  else
    append_exponent(out, d);
}

namespace {

/** round(x, ndigits) by arithmetic, or nullopt where it would not be exact. x * 10^ndigits is
 *  split into its rounded double y and the exact error e (one fma), so the exact product is
 *  y + e. Below 2^52 every half-integer is a double, so rounding to nearest never carries y
 *  across one: nearbyint(y) is the product's rounding except when y lands on a half-integer,
 *  where e's sign decides (and e == 0 is a true tie, which nearbyint breaks to even). k / 10^n
 *  is then the double nearest the decimal k × 10^-n, as strtod of the printed digits is.
 *  printf's exact conversion (format parsing, multi-precision digits, the locale) costs
 *  microseconds of cold code in a sample that rounds a few figures once a second; this costs
 *  a few instructions. */
std::optional<double> round_by_arithmetic(double x, int ndigits) {
  // 10^22 is the largest power of ten a double holds exactly.
  static constexpr std::array<double, 23> powers = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                                    1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                                    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  if (ndigits >= static_cast<int>(powers.size())) return std::nullopt;
  const double scale = powers[static_cast<std::size_t>(ndigits)];
  const double y = x * scale;
  if (!(std::fabs(y) < 0x1p52)) return std::nullopt;
  const double e = std::fma(x, scale, -y);
  double k = std::nearbyint(y);
  // y - trunc(y), the fraction, is exact at either sign (y - floor(y) is not below zero).
  if (std::fabs(y - std::trunc(y)) == 0.5 && e != 0.0) k = e > 0.0 ? std::ceil(y) : std::floor(y);
  // Keep the sign of a figure that rounds to zero, as Python does (round(-0.01, 1) is -0.0).
  return std::copysign(k, x) / scale;
}

}  // namespace

double python_round(double x, int ndigits) {
  assert(ndigits >= 0 && "negative ndigits is not supported");
  // Past this many digits every double is already exact (Python's NDIGITS_MAX).
  constexpr int ndigits_max = 323;
  if (!std::isfinite(x) || ndigits > ndigits_max) return x;
  if (ndigits < 0) ndigits = 0;
  if (const auto rounded = round_by_arithmetic(x, ndigits)) return *rounded;
  // glibc's printf converts the exact binary value and rounds ties to even, which is what
  // Python's dtoa-based round() does; strtod then gives the nearest double.
  std::array<char, 700> buf{};
  std::snprintf(buf.data(), buf.size(), "%.*f", ndigits, x);
  return std::strtod(buf.data(), nullptr);
}

}  // namespace smistat::common
