#include "damlab/dam/network.hpp"

#include <gtest/gtest.h>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "random_cases.hpp"
#include "reference.hpp"

namespace {

using damlab::Network;
using damlab::PatternSet;
using damlab::Separation;

bool has_exp_near_tie(const cases::Case& c) {
  if (c.F.kind != damlab::SeparationKind::exp) return false;
  const auto memories = reference::unpack(c.memories);
  const auto state = c.state.signs(0);
  for (std::size_t i = 0; i < c.memories.N(); ++i)
    if (reference::literal_sign(c.F, memories, state, i) == 2) return true;
  return false;
}

TEST(Dynamics, SynchronousUpdateEqualsLiteralRule) {
  damlab::Rng rng(11);
  for (int trial = 0; trial < 1500; ++trial) {
    auto c = cases::random_case(rng, 70, 10, 8);
    if (has_exp_near_tie(c)) continue;
    const Network net(c.memories, c.F);
    const auto expected = reference::literal_sync(c.F, reference::unpack(c.memories), c.state.signs(0));
    PatternSet state = c.state;
    const std::size_t flips = net.synchronous_update(state);
    ASSERT_EQ(state.signs(0), expected) << "trial " << trial;
    std::size_t changed = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) changed += expected[i] != c.state.sign(0, i);
    ASSERT_EQ(flips, changed);
  }
}

TEST(Dynamics, AsynchronousSweepEqualsLiteralRuleInAnyOrder) {
  damlab::Rng rng(12);
  for (int trial = 0; trial < 800; ++trial) {
    auto c = cases::random_case(rng, 50, 8, 8);
    if (c.F.kind == damlab::SeparationKind::exp) c.F = Separation::rectpoly(c.F.n + 3);
    const Network net(c.memories, c.F);
    const auto order = rng.below(2) ? damlab::Rng(trial).permutation(static_cast<std::uint32_t>(c.memories.N()))
                                    : std::vector<std::uint32_t>{};
    std::vector<std::uint32_t> literal_order = order;
    if (literal_order.empty())
      for (std::uint32_t i = 0; i < c.memories.N(); ++i) literal_order.push_back(i);
    const auto expected = reference::literal_async(c.F, reference::unpack(c.memories),
                                                   c.state.signs(0), literal_order);
    PatternSet state = c.state;
    net.asynchronous_sweep(state, 0, order);
    ASSERT_EQ(state.signs(0), expected) << "trial " << trial;
  }
}

// From a stored pattern, "no bit changes in one asynchronous sweep" is the
// same as "no bit changes in one synchronous update".
TEST(Dynamics, AsyncAndSyncAgreeOnStabilityOfStoredPatterns) {
  damlab::Rng rng(13);
  std::size_t stable = 0, unstable = 0;
  for (int trial = 0; trial < 600; ++trial) {
    const std::size_t N = 8 + rng.below(60), K = 1 + rng.below(20);
    const auto F = cases::random_separation(rng, 6);
    const auto memories = damlab::rademacher(N, K, 0.5 + 0.4 * rng.uniform(), rng.next());
    const Network net(memories, F);
    for (std::size_t p = 0; p < K; ++p) {
      PatternSet a = memories.slice(p, 1), b = a;
      const auto order = rng.permutation(static_cast<std::uint32_t>(N));
      const bool async_still = net.asynchronous_sweep(a, 0, order) == 0;
      const bool sync_still = net.synchronous_update(b) == 0;
      ASSERT_EQ(async_still, sync_still) << "trial " << trial << " p " << p;
      ASSERT_EQ(net.is_fixed_point(memories, p), sync_still);
      (sync_still ? stable : unstable)++;
    }
  }
  EXPECT_GT(stable, 100u);
  EXPECT_GT(unstable, 100u);
}

TEST(Dynamics, ClampedBitsNeverChange) {
  damlab::Rng rng(14);
  const std::size_t N = 64;
  const auto memories = damlab::rademacher(N, 5, 0.5, 1);
  const Network net(memories, Separation::rectpoly(3));
  std::vector<std::uint8_t> clamped(N, 0);
  for (std::size_t i = 0; i < N / 2; ++i) clamped[i] = 1;
  for (int trial = 0; trial < 50; ++trial) {
    PatternSet state = damlab::rademacher(N, 1, 0.5, rng.next());
    const PatternSet before = state;
    net.synchronous_update(state, clamped);
    net.asynchronous_sweep(state, 0, {}, clamped);
    for (std::size_t i = 0; i < N / 2; ++i) ASSERT_EQ(state.bit(0, i), before.bit(0, i));
  }
  // Pattern completion: the free half of a memory is restored from the clamped half.
  PatternSet probe = memories.slice(2, 1);
  for (std::size_t i = N / 2; i < N; ++i) probe.flip(0, i);
  for (int step = 0; step < 3; ++step) net.asynchronous_sweep(probe, 0, {}, clamped);
  EXPECT_EQ(probe, memories.slice(2, 1));
}

TEST(Dynamics, EnergyMatchesDefinitionAndNeverIncreasesAsynchronously) {
  damlab::Rng rng(15);
  for (int trial = 0; trial < 300; ++trial) {
    auto c = cases::random_case(rng, 60, 12, 7);
    const Network net(c.memories, c.F);
    const auto memories = reference::unpack(c.memories);
    const long double expected = reference::literal_energy(c.F, memories, c.state.signs(0));
    ASSERT_NEAR(*net.energy(c.state, 0), static_cast<double>(expected),
                1e-12 * std::fabs(static_cast<double>(expected)) + 1e-300);
    PatternSet state = c.state;
    double energy = *net.energy(state, 0);
    for (int sweep = 0; sweep < 3; ++sweep) {
      net.asynchronous_sweep(state, 0, rng.permutation(static_cast<std::uint32_t>(state.N())));
      const double next = *net.energy(state, 0);
      ASSERT_LE(next, energy + 1e-12 * std::fabs(energy)) << "trial " << trial;
      energy = next;
    }
  }
}

TEST(Dynamics, BatchedSynchronousUpdateTreatsStatesIndependently) {
  const auto memories = damlab::rademacher(100, 8, 0.6, 3);
  const Network net(memories, Separation::rectpoly(4));
  PatternSet batch = damlab::rademacher(100, 6, 0.6, 4);
  PatternSet one_by_one = batch;
  net.synchronous_update(batch);
  for (std::size_t p = 0; p < one_by_one.size(); ++p) {
    PatternSet single = one_by_one.slice(p, 1);
    net.synchronous_update(single);
    EXPECT_EQ(batch.signs(p), single.signs(0));
  }
}

}  // namespace
