#include "damlab/dam/theory.hpp"

#include <cmath>
#include <numbers>
#include <string>
#include <vector>
#include <algorithm>

#include "damlab/util/error.hpp"
#include "damlab/dam/separation.hpp"

namespace damlab::theory {

namespace {
void check(std::size_t N, int n) {
  require(N >= 2, "N", N, "at least 2");
  require(n >= 2 && n <= Separation::max_degree, "n", n,
          "an integer in [2, " + std::to_string(Separation::max_degree) + "]");
}
}  // namespace

double log_double_factorial_2n_minus_3(int n) {
  require(n >= 2 && n <= Separation::max_degree, "n", n,
          "an integer in [2, " + std::to_string(Separation::max_degree) + "]");
  double sum = 0;
  for (int k = 2 * n - 3; k > 1; k -= 2) sum += std::log(static_cast<double>(k));
  return sum;
}

double error_probability(std::size_t N, int n, double K) {
  check(N, n);
  require(K > 0 && std::isfinite(K), "K", K, "a positive number");
  const double log_df = log_double_factorial_2n_minus_3(n);
  const double log_capacity_scale = (n - 1) * std::log(static_cast<double>(N));  // ln N^(n-1)
  const double log_prefactor = 0.5 * (log_df - std::log(2 * std::numbers::pi)) +
                               std::log(K) - log_capacity_scale;
  const double exponent = -std::exp(log_capacity_scale - std::log(2 * K) - log_df);
  return std::exp(log_prefactor + exponent);
}

double log_kmax(std::size_t N, int n) {
  check(N, n);
  const double lnN = std::log(static_cast<double>(N));
  return (n - 1) * lnN - std::log(2.0) - log_double_factorial_2n_minus_3(n) -
         std::log(lnN);
}

double kmax(std::size_t N, int n) { return std::exp(log_kmax(N, n)); }

double kmax_hopfield(std::size_t N) {
  require(N >= 1, "N", N, "at least 1");
  return 0.138 * static_cast<double>(N);
}

double kmax_mceliece(std::size_t N) {
  require(N >= 2, "N", N, "at least 2");
  return static_cast<double>(N) / (4 * std::log(static_cast<double>(N)));
}

double kmax_exponential(std::size_t N) {
  require(N >= 1, "N", N, "at least 1");
  return std::exp2(static_cast<double>(N) / 2);
}

double kmax_close_pair(std::size_t N) {
  require(N >= 1 && N <= 1000, "N", N, "an integer in [1, 1000]");
  const double n = static_cast<double>(N);
  return (1 + std::sqrt(1 + 8 * std::numbers::ln2 * std::exp2(n) / n)) / 2;
}

std::size_t kmax_willshaw(std::size_t N, double a) {
  require(N >= 1, "N", N, "at least 1");
  require(a > 0 && a < 1, "a", a, "in (0, 1)");
  constexpr std::size_t cap = 1000000;
  const double k = a * static_cast<double>(N);
  for (std::size_t K = 1; K < cap; ++K) {
    const double q = 1 - std::pow(1 - a * a, static_cast<double>(K));
    if (static_cast<double>(K + 1) * (static_cast<double>(N) - k) * std::pow(q, k) >= 1) return K;
  }
  return cap;
}

namespace {
void check_match(std::size_t N, double epsilon) {
  require(N >= 1 && N <= 1000, "N", N, "an integer in [1, 1000]");
  require(epsilon >= 0 && epsilon <= 1, "epsilon", epsilon, "in [0, 1]");
}
}  // namespace

double random_match_exact(std::size_t N, double epsilon) {
  check_match(N, epsilon);
  // |N − 2b| ≥ (1 − ε) N, with a relative slack so that ε = 1/2, N = 4 counts
  // |N − 2b| = 2 whatever the rounding of (1 − ε) N.
  const double threshold = (1 - epsilon) * static_cast<double>(N) * (1 - 1e-12);
  const double n = static_cast<double>(N);
  double largest = -INFINITY;
  std::vector<double> logs;
  for (std::size_t b = 0; b <= N; ++b) {
    if (std::fabs(n - 2.0 * static_cast<double>(b)) < threshold) continue;
    const double bb = static_cast<double>(b);
    logs.push_back(std::lgamma(n + 1) - std::lgamma(bb + 1) - std::lgamma(n - bb + 1) -
                   n * std::numbers::ln2);
    largest = std::max(largest, logs.back());
  }
  if (logs.empty()) return 0;
  double sum = 0;
  for (const double l : logs) sum += std::exp(l - largest);
  return std::min(1.0, std::exp(largest) * sum);
}

double random_match_gaussian(std::size_t N, double epsilon) {
  check_match(N, epsilon);
  return std::erfc((1 - epsilon) * std::sqrt(static_cast<double>(N) / 2));
}

}  // namespace damlab::theory
