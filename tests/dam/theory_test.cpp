#include "damlab/dam/theory.hpp"

#include <gtest/gtest.h>

#include "damlab/util/error.hpp"
#include "damlab/data/rademacher.hpp"

#include <cmath>
#include <algorithm>
#include <bit>
#include <vector>
#include <cstdint>
#include <numbers>

namespace {

namespace theory = damlab::theory;

TEST(Theory, KmaxMatchesTheWorkedValues) {
  EXPECT_NEAR(theory::kmax(200, 3), 1258.26, 0.1);
  EXPECT_NEAR(theory::kmax(784, 3), 15371.6, 0.1);
}

TEST(Theory, DoubleFactorialWithoutOverflow) {
  // (2n-3)!! directly for small n.
  for (int n = 2; n <= 12; ++n) {
    double product = 1;
    for (int k = 2 * n - 3; k > 1; k -= 2) product *= k;
    EXPECT_NEAR(std::exp(theory::log_double_factorial_2n_minus_3(n)), product, 1e-9 * product);
  }
  // 117!! is about 1e96; its log stays finite and so does K_max(4096, 60).
  EXPECT_TRUE(std::isfinite(theory::log_double_factorial_2n_minus_3(60)));
  EXPECT_TRUE(std::isfinite(theory::log_kmax(4096, 60)));
  EXPECT_GT(theory::log_kmax(4096, 60), theory::log_kmax(4096, 59));
}

TEST(Theory, ErrorProbabilityIsTheStatedFormula) {
  for (int n : {2, 3, 4}) {
    for (double K : {10.0, 100.0, 1000.0}) {
      const double N = 100, df = n == 2 ? 1 : (n == 3 ? 3 : 15);
      const double expected = std::sqrt(df / (2 * std::numbers::pi)) * (K / std::pow(N, n - 1)) *
                              std::exp(-std::pow(N, n - 1) / (2 * K * df));
      EXPECT_NEAR(theory::error_probability(100, n, K), expected, 1e-12 * expected + 1e-300);
    }
  }
  // More memories, more errors.
  EXPECT_LT(theory::error_probability(784, 3, 1000), theory::error_probability(784, 3, 20000));
}

// The median K of the first pair at Hamming distance 1, against drawing
// random patterns until such a pair appears (400 runs at N = 16: the
// median's standard error is about 2).
TEST(Theory, ClosePairMedianMatchesDrawing) {
  const std::size_t N = 16;
  std::vector<double> firsts;
  for (std::uint64_t seed = 1; seed <= 400; ++seed) {
    const auto set = damlab::rademacher(N, 400, 0.5, seed);  // P(no pair in 400) ≈ e^-19
    std::size_t first = 0;
    for (std::size_t k = 1; k < set.size() && first == 0; ++k)
      for (std::size_t j = 0; j < k; ++j)
        if (std::popcount(set.row(k)[0] ^ set.row(j)[0]) == 1) { first = k + 1; break; }
    firsts.push_back(static_cast<double>(first));
  }
  std::sort(firsts.begin(), firsts.end());
  const double median = (firsts[199] + firsts[200]) / 2;
  EXPECT_NEAR(theory::kmax_close_pair(N), median, 8) << median;
  EXPECT_NEAR(theory::kmax_close_pair(N), 75.856, 1e-3);
  EXPECT_THROW(theory::kmax_close_pair(0), damlab::InvalidArgument);
}

TEST(Theory, ClassicalHopfieldLines) {
  EXPECT_NEAR(theory::kmax_hopfield(1000), 138, 1e-9);
  EXPECT_NEAR(theory::kmax_mceliece(100), 100 / (4 * std::log(100.0)), 1e-12);
}

TEST(Theory, ExponentialAndWillshawLines) {
  EXPECT_EQ(theory::kmax_exponential(20), 1024.0);
  // The first K with (K + 1)(N - k) q^k >= 1, found by the same loop in plain
  // floating point elsewhere: N = 16 .. 1000 at a = 0.1, and a = 0.3.
  const std::size_t Ns[] = {16, 32, 64, 128, 256, 1000};
  const std::size_t expected[] = {6, 16, 36, 69, 112, 216};
  for (std::size_t k = 0; k < 6; ++k) EXPECT_EQ(theory::kmax_willshaw(Ns[k], 0.1), expected[k]) << Ns[k];
  EXPECT_EQ(theory::kmax_willshaw(16, 0.3), 6u);
  EXPECT_EQ(theory::kmax_willshaw(100, 0.3), 17u);
  EXPECT_THROW(theory::kmax_willshaw(100, 0), damlab::InvalidArgument);
}

}  // namespace

namespace {

// P(|Σ y_i| ≥ t) over all 2^N states y against ξ = (1, …, 1) (any ξ gives
// the same count): the literal definition, enumerated.
double enumerated_match(std::size_t N, double epsilon) {
  std::size_t hits = 0;
  for (std::uint32_t y = 0; y < (1u << N); ++y) {
    const int dot = static_cast<int>(N) - 2 * std::popcount(y);
    hits += std::abs(dot) >= (1 - epsilon) * static_cast<double>(N) - 1e-9;
  }
  return static_cast<double>(hits) / static_cast<double>(1u << N);
}

// P(|Z| ≥ z) by Simpson's rule on the normal density from 0 to z.
double integrated_normal_tail(double z) {
  const int steps = 20000;
  const double h = z / steps;
  double sum = 0;
  for (int i = 0; i <= steps; ++i) {
    const double x = i * h, w = (i == 0 || i == steps) ? 1 : (i % 2 ? 4 : 2);
    sum += w * std::exp(-x * x / 2);
  }
  return 1 - 2 * sum * h / 3 / std::sqrt(2 * std::numbers::pi);
}

TEST(Theory, RandomMatchIsTheEnumeratedProbability) {
  for (std::size_t N : {1, 2, 4, 7, 10, 16})
    for (double eps : {0.0, 0.25, 0.5, 0.75, 0.9, 1.0})
      EXPECT_NEAR(theory::random_match_exact(N, eps), enumerated_match(N, eps), 1e-12)
          << "N " << N << " eps " << eps;
  // Example 6.5 of the paper: N = 4, ε = 1/2. Exactly 1 − C(4,2)/16 = 0.625;
  // the Gaussian of Prop. 6.3 gives P(|Z| ≥ 1) = 0.3173; the paper's "≈ 15%"
  // is the one-sided P(Z ≥ 1) = 0.1587.
  EXPECT_DOUBLE_EQ(theory::random_match_exact(4, 0.5), 0.625);
  EXPECT_NEAR(theory::random_match_gaussian(4, 0.5), 0.3173105, 1e-7);
  for (std::size_t N : {4, 100, 784})
    for (double eps : {0.5, 0.9})
      EXPECT_NEAR(theory::random_match_gaussian(N, eps),
                  integrated_normal_tail((1 - eps) * std::sqrt(double(N))), 1e-9);
  // Large N, both tiny but the exact value a normal double: N = 1000, ε = 0
  // is the two all-agree / all-disagree states, 2 · 2^-1000.
  EXPECT_NEAR(theory::random_match_exact(1000, 0) / std::ldexp(2.0, -1000), 1, 1e-9);
  EXPECT_THROW(theory::random_match_exact(1001, 0.5), damlab::InvalidArgument);
  EXPECT_THROW(theory::random_match_gaussian(10, 1.5), damlab::InvalidArgument);
}

}  // namespace
