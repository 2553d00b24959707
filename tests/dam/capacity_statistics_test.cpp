// Statistical checks of the whole pipeline against known capacity results.
#include <gtest/gtest.h>

#include <cmath>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/dam/theory.hpp"

namespace {

using damlab::Separation;

double mean_kmax(std::size_t N, std::size_t S, const Separation& F, int seeds) {
  double sum = 0;
  for (int seed = 1; seed <= seeds; ++seed) {
    const auto set = damlab::rademacher(N, S, 0.5, 1000 * N + seed);
    const auto profile = damlab::retrieval_profile(set, F, true);
    EXPECT_LT(profile.kmax(), S) << "censored at N=" << N;
    sum += static_cast<double>(profile.kmax());
  }
  return sum / seeds;
}

// Classical Hopfield (poly, n = 2): all K patterns fixed at once scales as
// N / (4 ln N) (McEliece et al.). An independent implementation measured
// ratios of about 2.0, 1.6, 1.5 at these N.
TEST(Statistics, ClassicalHopfieldFollowsMcEliece) {
  for (std::size_t N : {100u, 256u, 784u}) {
    const double ratio = mean_kmax(N, N / 2, Separation::poly(2), 20) / damlab::theory::kmax_mceliece(N);
    EXPECT_GE(ratio, 1.2) << "N=" << N;
    EXPECT_LE(ratio, 2.4) << "N=" << N;
    std::printf("N=%zu  mean Kmax / (N / 4 ln N) = %.3f\n", N, ratio);
  }
}

// n = 3: capacity grows as N^(n-1) up to a log factor, so the log-log slope
// of Kmax against N is close to n - 1 = 2.
TEST(Statistics, DegreeThreeCapacityGrowsAsNSquared) {
  const std::vector<std::size_t> Ns = {24, 48, 96};
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t N : Ns) {
    const auto S = static_cast<std::size_t>(std::ceil(2 * damlab::theory::kmax(N, 3))) + 20;
    const double x = std::log(static_cast<double>(N));
    const double y = std::log(mean_kmax(N, S, Separation::poly(3), 6));
    sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  const double n = static_cast<double>(Ns.size());
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  std::printf("n=3 slope of log Kmax vs log N = %.3f\n", slope);
  EXPECT_GT(slope, 1.5);
  EXPECT_LT(slope, 2.5);
}

}  // namespace
