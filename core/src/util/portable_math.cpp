#include "damlab/util/portable_math.hpp"

#include "damlab/dam/separation.hpp"

#include <cmath>
#include <limits>

namespace damlab {

namespace {

// ln 2 split so that e * ln2_hi is exact for |e| < 2^11 (Cody and Waite).
constexpr double ln2_hi = 6.93147180369123816490e-01;
constexpr double ln2_lo = 1.90821492927058770002e-10;

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
