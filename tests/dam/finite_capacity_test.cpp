#include "damlab/dam/finite_capacity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "finite_capacity_reference.hpp"

namespace {

using damlab::Separation;
namespace theory = damlab::theory;

const Separation kinds[] = {Separation::poly(2), Separation::rectpoly(2), Separation::poly(3),
                            Separation::rectpoly(3), Separation::poly(4), Separation::rectpoly(4)};

// Every small case against the law convolved K − 1 times (no lattice, no
// integration): N odd and even (h odd and even), every kind.
TEST(FiniteCapacity, BitInstabilityIsTheConvolvedLaw) {
  for (const Separation& F : kinds)
    for (std::size_t N : {4, 5, 8, 13})
      for (std::size_t K : {1, 2, 3, 5, 9}) {
        const double expected = reference::convolved_instability(N, F, K);
        EXPECT_NEAR(theory::bit_instability(N, F, K), expected, 1e-13 + 1e-9 * expected)
            << F.name() << " N " << N << " K " << K;
      }
}

// n = 2, poly: a binomial tail in closed form, checked at large N and deep in
// the tail.
TEST(FiniteCapacity, HopfieldIsABinomialTail) {
  for (std::size_t N : {100, 1000})
    for (std::size_t K : {3, 10, 40, 100}) {
      const double expected = reference::hopfield_instability(N, K);
      EXPECT_NEAR(theory::bit_instability(N, Separation::poly(2), K), expected,
                  1e-15 + 1e-7 * expected)
          << "N " << N << " K " << K;
    }
}

// Larger N, near the capacity: against Simpson's rule on the inversion formula
// on the integers, twice as many nodes as the lattice the core reduces to needs.
TEST(FiniteCapacity, BitInstabilityIsTheSlowIntegral) {
  struct Case { std::size_t N; Separation F; std::size_t K; };
#if defined(__SANITIZE_ADDRESS__)
  const Case cases[] = {{200, Separation::rectpoly(2), 30}, {24, Separation::poly(3), 60}};
#else
  const Case cases[] = {{60, Separation::poly(3), 100}, {41, Separation::rectpoly(3), 150},
                        {16, Separation::poly(4), 30}, {200, Separation::rectpoly(2), 30}};
#endif
  for (const Case& c : cases) {
    const double s = static_cast<double>(reference::finite_signal(c.N, c.F));
    const auto steps = 2 * static_cast<std::size_t>(4 * s + 2000);
    const double expected = reference::integrated_instability(c.N, c.F, c.K, steps);
    const double got = theory::bit_instability(c.N, c.F, c.K);
    std::printf("%s N=%zu K=%zu p_bit %.6e (integral %.6e)\n", c.F.name().c_str(), c.N, c.K, got,
                expected);
    EXPECT_GT(got, 1e-9);
    EXPECT_NEAR(got, expected, 1e-13 + 1e-6 * expected) << c.F.name() << " N " << c.N;
  }
}

// The mean and quartiles of Kmax against a direct sum over every K.
TEST(FiniteCapacity, MeanAndQuartilesOfTheEstimatedKmax) {
  struct Case { std::size_t N; Separation F; };
  for (const Case& c : {Case{100, Separation::poly(2)}, Case{64, Separation::rectpoly(2)},
                        Case{24, Separation::poly(3)}}) {
    double mean = 0;
    std::size_t quartile[3] = {0, 0, 0};
    const double levels[3] = {0.75, 0.5, 0.25};
    for (std::size_t K = 1;; ++K) {
      const double P = theory::all_retrieved_probability(c.N, c.F, K);
      if (P < 1e-12) break;
      mean += P;
      for (int q = 0; q < 3; ++q)
        if (P >= levels[q]) quartile[q] = K;
    }
    const auto est = theory::finite_capacity(c.N, c.F);
    EXPECT_NEAR(est.mean, mean, 2e-3 * mean) << c.F.name() << " N " << c.N;
    EXPECT_EQ(est.lower_quartile, quartile[0]);
    EXPECT_EQ(est.median, quartile[1]);
    EXPECT_EQ(est.upper_quartile, quartile[2]);
  }
}

// The estimate held to measurement: the mean Kmax ("all first K retrieved",
// exact mode) of R random sets per case lies within 3 standard errors of the
// estimated mean, the standard error s / √R from the measured seed-to-seed
// spread. Measured (R = 12, Release): z = (measured − estimate) / (s / √R)
// stays within ±2.1 here. Under the sanitizers (-O0) only the small cases run.
TEST(FiniteCapacity, MeasuredCapacityLiesWithinTheSeedSpread) {
  struct Case { std::size_t N; Separation F; };
#if defined(__SANITIZE_ADDRESS__)
  const Case cases[] = {{100, Separation::poly(2)}, {200, Separation::rectpoly(2)},
                        {50, Separation::poly(3)}};
#else
  const Case cases[] = {{100, Separation::poly(2)},  {200, Separation::poly(2)},
                        {500, Separation::poly(2)},  {1000, Separation::poly(2)},
                        {100, Separation::rectpoly(2)}, {200, Separation::rectpoly(2)},
                        {500, Separation::rectpoly(2)}, {1000, Separation::rectpoly(2)},
                        {50, Separation::poly(3)},   {100, Separation::poly(3)},
                        {50, Separation::rectpoly(3)}, {100, Separation::rectpoly(3)}};
#endif
  const int R = 12;
  for (const Case& c : cases) {
    const auto est = theory::finite_capacity(c.N, c.F);
    const std::size_t S = 2 * est.upper_quartile + 20;
    double sum = 0, squares = 0;
    for (int seed = 1; seed <= R; ++seed) {
      const auto set = damlab::rademacher(c.N, S, 0.5, 7777 * c.N + static_cast<std::size_t>(seed));
      const auto kmax = static_cast<double>(damlab::retrieval_profile(set, c.F, true).kmax());
      ASSERT_LT(kmax, static_cast<double>(S)) << "censored";
      sum += kmax;
      squares += kmax * kmax;
    }
    const double mean = sum / R, sd = std::sqrt((squares - R * mean * mean) / (R - 1));
    const double se = sd / std::sqrt(double(R));
    std::printf("%s N=%zu estimate %.1f (quartiles %zu %zu %zu), measured %.1f ± %.1f (z = %.2f)\n",
                c.F.name().c_str(), c.N, est.mean, est.lower_quartile, est.median,
                est.upper_quartile, mean, se, (mean - est.mean) / se);
    EXPECT_LE(std::fabs(mean - est.mean), 3 * se) << c.F.name() << " N " << c.N;
  }
}

TEST(FiniteCapacity, GaussianHasTheExactVariance) {
  // n = 2, poly: T = 4 a h, E T² = 16 (N − 1), s = 4 (N − 1).
  const std::size_t N = 100, K = 30;
  const double expected = 0.5 * std::erfc(4.0 * 99 / std::sqrt(2.0 * 29 * 16 * 99));
  EXPECT_NEAR(theory::bit_instability_gaussian(N, Separation::poly(2), K), expected, 1e-15);
  EXPECT_EQ(theory::bit_instability_gaussian(N, Separation::poly(2), 1), 0);
}

TEST(FiniteCapacity, RefusesWhatItCannotCompute) {
  EXPECT_THROW(theory::bit_instability(100, Separation::exponential(1), 10), damlab::InvalidArgument);
  EXPECT_THROW(theory::bit_instability(100, Separation::poly(1), 10), damlab::InvalidArgument);
  EXPECT_THROW(theory::bit_instability(1, Separation::poly(2), 10), damlab::InvalidArgument);
  EXPECT_THROW(theory::bit_instability(2000, Separation::poly(5), 10), damlab::InvalidArgument);
  EXPECT_THROW(theory::bit_instability(100, Separation::poly(2), 0), damlab::InvalidArgument);
}

}  // namespace
