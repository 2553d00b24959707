#include "damlab/dam/separation.hpp"

#include <cmath>
#include <limits>

#include "damlab/util/error.hpp"

namespace damlab {

Separation Separation::poly(int n) {
  Separation F{SeparationKind::poly, n, 0.0};
  F.validate();
  return F;
}

Separation Separation::rectpoly(int n) {
  Separation F{SeparationKind::rectpoly, n, 0.0};
  F.validate();
  return F;
}

Separation Separation::exponential(double beta) {
  Separation F{SeparationKind::exp, 0, beta};
  F.validate();
  return F;
}

const std::vector<std::string>& Separation::kind_names() {
  static const std::vector<std::string> names = {"poly", "rectpoly", "exp"};
  return names;
}

Separation Separation::from_name(const std::string& kind, int n, double beta) {
  if (kind == "poly") return poly(n);
  if (kind == "rectpoly") return rectpoly(n);
  if (kind == "exp") return exponential(beta);
  fail_field("F", kind, "one of poly, rectpoly, exp");
}

void Separation::validate() const {
  if (kind == SeparationKind::exp) {
    // !(beta > 0) also rejects NaN.
    require(beta > 0 && beta <= max_beta, "beta", beta,
            "in (0, " + std::to_string(static_cast<int>(max_beta)) + "]");
  } else {
    require(n >= 1 && n <= max_degree, "n", n,
            "an integer in [1, " + std::to_string(max_degree) + "]");
  }
}

std::string Separation::name() const { return kind_names().at(static_cast<std::size_t>(kind)); }

double Separation::normalized(int x, std::size_t N) const {
  const double Nd = static_cast<double>(N);
  if (kind == SeparationKind::exp) return portable_exp(beta * (x - Nd));
  if (kind == SeparationKind::rectpoly && x <= 0) return 0.0;
  const double base = x / Nd;
  double value = 1.0;
  for (int k = 0; k < n; ++k) value *= base;
  return value;
}

double portable_exp(double x) {
  if (std::isnan(x)) return x;
  if (x > 709.0) return std::numeric_limits<double>::infinity();
  if (x < -708.0) return 0.0;
  // x = k ln2 + r with |r| <= ln2 / 2; ln2_hi has its low 32 bits zero, so
  // k * ln2_hi is exact (Cody-Waite reduction).
  constexpr double inv_ln2 = 1.44269504088896338700e+00;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  const double k = std::floor(x * inv_ln2 + 0.5);
  const double r = (x - k * ln2_hi) - k * ln2_lo;
  // Taylor series of e^r to degree 14 (truncation error below 1e-19).
  double sum = 1.0;
  for (int j = 14; j >= 1; --j) sum = 1.0 + sum * r / j;
  return std::ldexp(sum, static_cast<int>(k));
}

}  // namespace damlab
