#include "damlab/util/portable_math.hpp"

#include <cmath>
#include <limits>

namespace damlab {

namespace {

// ln 2 split so that k * ln2_hi is exact for |k| < 2^11 (Cody and Waite).
constexpr double ln2_hi = 6.93147180369123816490e-01;
constexpr double ln2_lo = 1.90821492927058770002e-10;
constexpr double inv_ln2 = 1.44269504088896338700e+00;

// e^r - 1 for |r| <= 0.7 by its Taylor series (the last term < 1e-20).
double expm1_small(double r) {
  double term = r, sum = r;
  for (int k = 2; k <= 19; ++k) {
    term = term * r / k;
    sum += term;
  }
  return sum;
}

}  // namespace

double portable_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.782712893384) return std::numeric_limits<double>::infinity();
  if (x < -745.2) return 0.0;
  // x = k ln 2 + r with |r| <= ln 2 / 2; e^x = 2^k e^r.
  const double k = std::floor(x * inv_ln2 + 0.5);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // Two steps of 2^(k/2) keep the scaling exact near the range ends.
  const int half = static_cast<int>(k) / 2;
  return std::ldexp(std::ldexp(1.0 + expm1_small(r), half), static_cast<int>(k) - half);
}

double portable_log(double x) {
  if (std::isnan(x) || x < 0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0) return -std::numeric_limits<double>::infinity();
  if (std::isinf(x)) return x;
  int e = 0;
  double m = std::frexp(x, &e);  // x = m 2^e, m in [0.5, 1)
  if (m < 0.70710678118654752440) {
    m *= 2;
    --e;
  }
  // ln m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.1716.
  const double s = (m - 1) / (m + 1), s2 = s * s;
  double term = s, sum = s;
  for (int k = 3; k <= 25; k += 2) {
    term *= s2;
    sum += term / k;
  }
  return e * ln2_hi + (e * ln2_lo + 2 * sum);
}

double portable_tanh(double x) {
  if (std::isnan(x)) return x;
  const double a = std::fabs(x);
  if (a > 20) return x > 0 ? 1.0 : -1.0;
  // tanh a = (e^(2a) - 1) / (e^(2a) + 1), with e^(2a) - 1 from the series
  // near 0 so small arguments keep their relative accuracy.
  const double y = 2 * a;
  const double em1 = y <= 0.7 ? expm1_small(y) : portable_exp(y) - 1;
  const double t = em1 / (em1 + 2);
  return x < 0 ? -t : t;
}

}  // namespace damlab
