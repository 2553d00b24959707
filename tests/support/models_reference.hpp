// Slow, literal reference versions of every registry model (docs/science.md,
// "Models"), written on unpacked ±1 vectors from the formulas themselves:
// energies through log, weights as sums over patterns, no counts, no packing.
// Each returns the new value of bit i of state x, or 0 for "no decision"
// (the caller keeps the bit), or 2 for a near tie the reference's floating
// point cannot decide.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace models_reference {

using Vec = std::vector<int>;
using Mat = std::vector<Vec>;

inline long double dot(const Vec& a, const Vec& b) {
  long double s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

inline int sign_or_tie(long double v, long double tolerance) {
  if (std::fabs(v) <= tolerance) return v == 0 ? 0 : 2;
  return v > 0 ? 1 : -1;
}

// T(x) = g(ΞᵀΞx) (power 1) or sgn Σ ξ^μ (ξ^μ·x / (|ξ^μ||x|))^3 (power 3).
inline int projection(const Mat& xi, const Vec& x, std::size_t i, int power) {
  long double sum = 0;
  for (const Vec& m : xi) {
    long double c = dot(m, x);
    if (power == 3) {
      c /= std::sqrt(dot(m, m)) * std::sqrt(dot(x, x));
      c = c * c * c;
    }
    sum += m[i] * c;
  }
  return sign_or_tie(sum, power == 3 ? 1e-12L : 0);
}

// ξ^ν_i for ν the memory nearest in Hamming distance (first on ties).
inline int nearest(const Mat& xi, const Vec& x, std::size_t i) {
  std::size_t best = 0, best_hd = x.size() + 1;
  for (std::size_t mu = 0; mu < xi.size(); ++mu) {
    std::size_t hd = 0;
    for (std::size_t j = 0; j < x.size(); ++j) hd += xi[mu][j] != x[j];
    if (hd < best_hd) best = mu, best_hd = hd;
  }
  return xi[best][i];
}

// Energy-difference rule sgn[E(x[i:=-1]) - E(x[i:=+1])] for
//   lse: E = -(1/β) log Σ exp(β ξ·x / N)
//   lsr: E = -(1/β) log(ε + Σ max(0, 1 - (β/2)|x/√N - ξ/√N|²))
inline long double energy(const std::string& kind, const Mat& xi, const Vec& x, long double beta) {
  const long double N = static_cast<long double>(x.size());
  long double sum = kind == "lsr" ? 1e-300L : 0;
  for (const Vec& m : xi) {
    if (kind == "lse") {
      sum += std::exp(beta * (dot(m, x) - N) / N);  // a common factor exp(-β) inside the log
    } else {
      // |x/√N - ξ/√N|² = s2 / N; 1 - (β/2) s2 / N written over N so the
      // kernel is exactly 0 at the edge of its support.
      long double s2 = 0;
      for (std::size_t j = 0; j < x.size(); ++j) s2 += (x[j] - m[j]) * (x[j] - m[j]);
      sum += std::max(0.0L, (N - beta / 2 * s2) / N);
    }
  }
  return -std::log(sum) / beta;
}

inline int energy_rule(const std::string& kind, const Mat& xi, Vec x, std::size_t i, long double beta) {
  x[i] = -1;
  const long double down = energy(kind, xi, x, beta);
  x[i] = 1;
  const long double up = energy(kind, xi, x, beta);
  return sign_or_tie(down - up, 1e-12L * (1 + std::fabs(up)));
}

// Hopfield networks: weights from the rule's sum over patterns, then the
// rule's threshold decision. Codes x = (1 + σ)/2 except activity-product.
inline int hebbian(const std::string& rule, const Mat& xi, const Vec& sigma, std::size_t i,
                   long double a, long double eps) {
  const std::size_t N = sigma.size();
  const long double K = static_cast<long double>(xi.size());
  auto x01 = [](int s) { return s > 0 ? 1.0L : 0.0L; };
  auto w = [&](std::size_t j) {
    long double sum = 0, pi = 0, pj = 0, pij = 0, any = 0;
    for (const Vec& m : xi) {
      const long double xi_i = x01(m[i]), xi_j = x01(m[j]);
      if (rule == "hopfield-activity-product") sum += m[i] * m[j];
      if (rule == "hopfield-covariance") sum += (xi_i - a) * (xi_j - a);
      if (rule == "hopfield-presynaptic-covariance") sum += (xi_i - a) * xi_j;
      any = std::max(any, xi_i * xi_j);
      pi += xi_i / K, pj += xi_j / K, pij += xi_i * xi_j / K;
    }
    if (rule == "hopfield-willshaw") return any;
    if (rule == "hopfield-bcpnn") return std::log((pij + eps * eps) / ((pi + eps) * (pj + eps)));
    return sum;
  };
  long double h = 0, active = 0;
  for (std::size_t j = 0; j < N; ++j) {
    if (j == i) continue;
    const long double input = rule == "hopfield-activity-product" ? sigma[j] : x01(sigma[j]);
    h += w(j) * input;
    active += x01(sigma[j]);
  }
  if (rule == "hopfield-willshaw") return h >= active ? 1 : -1;  // all active inputs connected
  if (rule == "hopfield-covariance") return sign_or_tie(h - (1 - a) * (1 - 2 * a) * active / 2, 1e-12L);
  if (rule == "hopfield-presynaptic-covariance") return sign_or_tie(h - (1 - 2 * a) * active / 2, 1e-12L);
  if (rule == "hopfield-bcpnn") {
    long double pi = 0;
    for (const Vec& m : xi) pi += x01(m[i]) / K;
    return sign_or_tie(std::log(pi + eps) + h - std::log(0.5L), 1e-9L);
  }
  return sign_or_tie(h, 0);
}

}  // namespace models_reference
