// Slow, literal references for dam/finite_capacity.hpp, written from the
// definitions in docs/science.md ("Finite-N capacity") and sharing nothing
// with the core's lattice reduction, atom merging or rotation recurrence.
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <numbers>
#include <utility>
#include <vector>

#include "damlab/dam/separation.hpp"

namespace reference {

inline long double finite_F(const damlab::Separation& F, long long x) {
  if (F.kind == damlab::SeparationKind::rectpoly && x <= 0) return 0;
  return std::pow(static_cast<long double>(x), F.n);
}

// The law of one crosstalk term a · (F(h + 1) − F(h − 1)): every h of
// (N − 1) − 2 Binomial(N − 1, 1/2), both signs a, as (value, probability).
inline std::vector<std::pair<long long, double>> crosstalk_law(std::size_t N,
                                                               const damlab::Separation& F) {
  std::vector<std::pair<long long, double>> law;
  const long long n = static_cast<long long>(N);
  for (long long b = 0; b < n; ++b) {
    const long long h = (n - 1) - 2 * b;
    const double w = std::exp(std::lgamma(double(n)) - std::lgamma(double(b + 1)) -
                              std::lgamma(double(n - b)) - double(n - 1) * std::log(2.0));
    const auto g = static_cast<long long>(finite_F(F, h + 1) - finite_F(F, h - 1));
    law.push_back({g, w / 2});
    law.push_back({-g, w / 2});
  }
  return law;
}

inline long long finite_signal(std::size_t N, const damlab::Separation& F) {
  return static_cast<long long>(finite_F(F, (long long)N) - finite_F(F, (long long)N - 2));
}

// P(s + Σ_{K−1 terms} T < 0) by convolving the law K − 1 times: exact up to
// rounding, for small N and K.
inline double convolved_instability(std::size_t N, const damlab::Separation& F, std::size_t K) {
  const auto law = crosstalk_law(N, F);
  std::map<long long, double> sum{{0, 1.0}};
  for (std::size_t k = 1; k < K; ++k) {
    std::map<long long, double> next;
    for (const auto& [v, p] : sum)
      for (const auto& [t, q] : law) next[v + t] += p * q;
    sum = std::move(next);
  }
  const long long s = finite_signal(N, F);
  double p = 0;
  for (const auto& [v, q] : sum)
    if (v < -s) p += q;
  return p;
}

// The same probability by the inversion formula on the integers (lattice 1,
// no offset): P(S <= −s − 1) = 1/2 + (1/π) ∫_0^π sin(u y) φ(u)^(K−1) / (2 sin(u/2)) du,
// y = −s − 1/2, φ(u) = E cos(u T), by the composite Simpson rule on `steps`
// intervals with cos evaluated directly.
inline double integrated_instability(std::size_t N, const damlab::Separation& F, std::size_t K,
                                     std::size_t steps) {
  const auto law = crosstalk_law(N, F);
  const double y = -static_cast<double>(finite_signal(N, F)) - 0.5;
  const double m = static_cast<double>(K - 1);
  const auto f = [&](double u) {
    if (u == 0) return y;
    double phi = 0;
    for (const auto& [t, q] : law) phi += q * std::cos(u * static_cast<double>(t));
    return std::sin(u * y) * std::pow(phi, m) / (2 * std::sin(u / 2));
  };
  const double h = std::numbers::pi / static_cast<double>(steps);
  double sum = f(0) + f(std::numbers::pi);
  for (std::size_t i = 1; i < steps; ++i) sum += (i % 2 ? 4 : 2) * f(h * static_cast<double>(i));
  return 0.5 + sum * h / 3 / std::numbers::pi;
}

// n = 2, poly: a_μ g(h_μ) = 4 a_μ h_μ and a_μ h_μ is a sum of N − 1 fair
// signs, so the crosstalk is 4 (L − 2B), B ~ Binomial(L, 1/2), L = (K−1)(N−1);
// the bit is unstable iff L − 2B < −(N − 1).
inline double hopfield_instability(std::size_t N, std::size_t K) {
  const double L = double(K - 1) * double(N - 1);
  double p = 0;
  for (double b = 0; b <= L; ++b)
    if (L - 2 * b < -double(N - 1))
      p += std::exp(std::lgamma(L + 1) - std::lgamma(b + 1) - std::lgamma(L - b + 1) -
                    L * std::log(2.0));
  return p;
}

}  // namespace reference
