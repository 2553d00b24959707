// Properties that hold for every input, checked on random ones. (The exact
// profile against a brute-force evaluation of every K is in capacity_test.)
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "random_cases.hpp"

namespace {

using damlab::PatternSet;
using damlab::Separation;

// Bit i of every pattern moved to position order[i].
PatternSet permute_bits(const PatternSet& set, const std::vector<std::uint32_t>& order) {
  PatternSet out(set.N(), set.size());
  for (std::size_t p = 0; p < set.size(); ++p)
    for (std::size_t i = 0; i < set.N(); ++i) out.set_sign(p, order[i], set.sign(p, i));
  return out;
}

// Overlaps, and so every decision, ignore the order of the bits: one
// permutation applied to all patterns changes no capacity result.
TEST(Properties, CapacityIsInvariantUnderABitPermutation) {
  damlab::Rng rng(31);
  std::size_t failing = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const std::size_t N = 5 + rng.below(150), S = 1 + rng.below(30);
    const auto F = cases::random_separation(rng, 8);
    const auto set = damlab::rademacher(N, S, 0.5 + 0.45 * rng.uniform(), rng.next());
    const auto permuted = permute_bits(set, rng.permutation(static_cast<std::uint32_t>(N)));
    const auto a = damlab::capacity(set, F), b = damlab::capacity(permuted, F);
    SCOPED_TRACE("trial " + std::to_string(trial) + ", F = " + F.name());
    ASSERT_EQ(a.profile->retrieved, b.profile->retrieved);
    ASSERT_EQ(a.exact.kmax, b.exact.kmax);
    ASSERT_EQ(a.binary->kmax, b.binary->kmax);
    ASSERT_EQ(a.binary->evaluations, b.binary->evaluations);
    ASSERT_EQ(a.exact.pairwise_hd.distance_sum, b.exact.pairwise_hd.distance_sum);
    ASSERT_EQ(a.binary->pairwise_hd.distance_sum, b.binary->pairwise_hd.distance_sum);
    failing += a.exact.kmax < S;
  }
  EXPECT_GT(failing, 30u);  // the property was tested on sets that fail too
}

// Rows are written in point order whatever the thread count; probe measures
// draw from their own per-point seeds.
TEST(Properties, SweepCsvIsTheSameForOneTwoAndThreeThreads) {
  for (const char* measure : {"capacity", "recall"}) {
    const auto e = damlab::parse_experiment(damlab::Json::parse(
        std::string(R"({"name": "threads", "measure": ")") + measure + R"(",
          "data": {"source": "rademacher", "N": 90, "S": 25, "p": 0.6, "seed": 1},
          "model": {"F": "exp", "beta": 0.2},
          "sweep": [{"data.seed": {"from": 1, "to": 7, "step": 1}},
                    {"model.beta": [0.05, 0.2]}]})"));
    std::string csv[3];
    for (std::size_t threads = 1; threads <= 3; ++threads) {
      damlab::SweepOptions options;
      options.threads = threads;
      csv[threads - 1] = damlab::to_csv(damlab::run_sweep(e, {}, options));
    }
    EXPECT_EQ(std::count(csv[0].begin(), csv[0].end(), '\n'), 15) << measure;
    EXPECT_EQ(csv[1], csv[0]) << measure;
    EXPECT_EQ(csv[2], csv[0]) << measure;
  }
}

using Kinds = std::vector<std::function<Separation()>>;

// Random asynchronous runs of each kind of F; every sweep's energy is at
// most the one before (up to rounding of the energy's own sum).
void expect_energy_never_increases(damlab::Rng& rng, const Kinds& kinds) {
  for (std::size_t kind = 0; kind < kinds.size(); ++kind) {
    std::size_t flips = 0;
    for (int trial = 0; trial < 60; ++trial) {
      // One draw per statement: the order in which a call's arguments are
      // evaluated differs between compilers, and the cases must not.
      const std::size_t N = 4 + rng.below(90), K = 1 + rng.below(16);
      const std::uint64_t seed = rng.next();
      const double p = 0.5 + 0.4 * rng.uniform();
      const damlab::Network net(damlab::rademacher(N, K, p, seed), kinds[kind]());
      PatternSet state = [&] {
        if (rng.below(2)) return damlab::rademacher(N, 1, 0.5, rng.next());
        const std::size_t distance = 1 + rng.below(N / 3);
        const std::size_t memory = rng.below(K);
        return cases::near_copy(net.memories(), memory, distance, rng);
      }();
      double energy = *net.energy(state, 0);
      for (int sweep = 0; sweep < 20; ++sweep) {
        const std::size_t flipped =
            net.asynchronous_sweep(state, 0, rng.permutation(static_cast<std::uint32_t>(N)));
        const double next = *net.energy(state, 0);
        ASSERT_LE(next, energy + 1e-12 * std::fabs(energy))
            << "F = " << net.separation().name() << ", trial " << trial << ", sweep " << sweep;
        energy = next;
        flips += flipped;
        if (flipped == 0) break;
      }
    }
    EXPECT_GT(flips, 100u) << "kind " << kind;  // the sweeps did move
  }
}

// The update rule follows the energy difference, so no asynchronous sweep
// raises the energy, for every kind of F.
TEST(Properties, EnergyNeverIncreasesUnderAsynchronousSweeps) {
  damlab::Rng rng(32);
  expect_energy_never_increases(
      rng, {[&] { return Separation::poly(1 + static_cast<int>(rng.below(12))); },
            [&] { return Separation::rectpoly(1 + static_cast<int>(rng.below(12))); },
            [&] { return Separation::exponential(0.01 + 3 * rng.uniform()); },
            [&] { return Separation::exponential(3 + 15 * rng.uniform()); }});
}

// Large β (e^-2β < 2^-53): c(m) ≈ F(m+2)/2 and d(m) ≈ -F(m+2)/2, and the
// agreeing memory's share c + d = F(m) - F(m-2) survives only because the
// exact terms are formed from the F values, not from the rounded c and d.
TEST(Properties, EnergyNeverIncreasesForExpAboveBeta18) {
  damlab::Rng rng(33);
  expect_energy_never_increases(rng, {[&] { return Separation::exponential(20 + 80 * rng.uniform()); }});
}

}  // namespace
