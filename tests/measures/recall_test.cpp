#include "damlab/measures/recall.hpp"

#include <gtest/gtest.h>

#include "damlab/dam/network.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/util/error.hpp"
#include "reference.hpp"

namespace {

using damlab::Network;
using damlab::PatternSet;
using damlab::Rng;
using damlab::Separation;
using damlab::UpdateMode;

TEST(Recall, FlipBitsAtRateDelta) {
  const auto set = damlab::rademacher(1000, 20, 0.5, 1);
  Rng rng(2);
  EXPECT_EQ(damlab::flip_bits(set, 0.0, rng), set);
  const auto all = damlab::flip_bits(set, 1.0, rng);
  for (std::size_t p = 0; p < set.size(); ++p)
    EXPECT_EQ(damlab::hamming(all.row(p), set.row(p)), 1000u);
  const auto some = damlab::flip_bits(set, 0.1, rng);
  std::size_t flipped = 0;
  for (std::size_t p = 0; p < set.size(); ++p) flipped += damlab::hamming(some.row(p), set.row(p));
  EXPECT_NEAR(flipped / 20000.0, 0.1, 0.01);
}

TEST(Recall, SynchronousStepsEqualTheLiteralRuleRepeated) {
  const auto memories = damlab::rademacher(60, 6, 0.6, 3);
  const auto F = Separation::rectpoly(3);
  const Network net(memories, F);
  Rng rng(4);
  PatternSet probes = damlab::flip_bits(memories, 0.3, rng);
  const auto before = probes;
  damlab::run_updates(net, probes, 3, UpdateMode::synchronous, rng);
  const auto mem = reference::unpack(memories);
  for (std::size_t p = 0; p < probes.size(); ++p) {
    auto state = before.signs(p);
    for (int step = 0; step < 3; ++step) state = reference::literal_sync(F, mem, state);
    EXPECT_EQ(probes.signs(p), state);
  }
}

TEST(Recall, NearestConvergedAndClassification) {
  const auto memories = damlab::rademacher(100, 8, 0.5, 5);
  const Network net(memories, Separation::poly(2));
  Rng rng(6);
  const auto probes = damlab::flip_bits(memories, 0.05, rng);
  const auto nearest = damlab::nearest_memories(net, probes);
  const auto mem = reference::unpack(memories);
  for (std::size_t p = 0; p < probes.size(); ++p) {
    int best = -1000, max_abs = 0;
    std::size_t arg = 0;
    for (std::size_t mu = 0; mu < mem.size(); ++mu) {
      const int m = reference::dot(mem[mu], probes.signs(p));
      if (m > best) best = m, arg = mu;
      max_abs = std::max(max_abs, std::abs(m));
    }
    EXPECT_EQ(nearest.memory[p], arg);
    EXPECT_EQ(nearest.max_abs_overlap[p], max_abs);
  }
  // D_c^ε counts Cvg >= (1 - ε) N.
  const auto fractions = damlab::converged_fraction(nearest, 100, {0.0, 0.1, 1.0});
  std::size_t exact = 0, within = 0;
  for (auto cvg : nearest.max_abs_overlap) exact += cvg == 100, within += cvg >= 90;
  EXPECT_DOUBLE_EQ(fractions[0], exact / 8.0);
  EXPECT_DOUBLE_EQ(fractions[1], within / 8.0);
  EXPECT_DOUBLE_EQ(fractions[2], 1.0);
  // Labels: memory μ has label μ % 3; probes carry their memory's label.
  std::vector<std::uint8_t> memory_labels, probe_labels;
  for (std::uint8_t mu = 0; mu < 8; ++mu) memory_labels.push_back(mu % 3), probe_labels.push_back(mu % 3);
  std::size_t wrong = 0;
  for (std::size_t p = 0; p < 8; ++p) wrong += memory_labels[nearest.memory[p]] != probe_labels[p];
  EXPECT_DOUBLE_EQ(damlab::classification_error(nearest, memory_labels, probe_labels), wrong / 8.0);
  probe_labels[0] = (probe_labels[0] + 1) % 3;
  EXPECT_GT(damlab::classification_error(nearest, memory_labels, probe_labels), wrong / 8.0);
}

TEST(Recall, WilsonInterval) {
  const damlab::Proportion half{5, 10};
  EXPECT_NEAR(half.lower(), 0.2366, 1e-4);
  EXPECT_NEAR(half.upper(), 0.7634, 1e-4);
  const damlab::Proportion none{0, 100};
  EXPECT_DOUBLE_EQ(none.lower(), 0.0);
  EXPECT_NEAR(none.upper(), 0.0370, 1e-4);
}

TEST(Recall, RetrievabilityBelowAndAboveCapacity) {
  Rng rng(7);
  const Network few(damlab::rademacher(200, 5, 0.5, 8), Separation::rectpoly(3));
  const auto good = damlab::retrievability(few, 0.05, 40, 5, UpdateMode::synchronous, rng);
  EXPECT_TRUE(good.retrievable_confidently(0.1));
  const auto noisy = damlab::retrievability(few, 0.5, 20, 5, UpdateMode::synchronous, rng);
  EXPECT_FALSE(noisy.retrievable(0.5));
  EXPECT_EQ(noisy.worst().trials, 20u);
  const Network many(damlab::rademacher(100, 60, 0.5, 9), Separation::poly(2));
  EXPECT_FALSE(damlab::retrievability(many, 0.0, 1, 1, UpdateMode::asynchronous, rng).retrievable(0.01));
}

TEST(Recall, Validation) {
  Rng rng(1);
  const auto set = damlab::rademacher(10, 2, 0.5, 1);
  EXPECT_THROW(damlab::flip_bits(set, 1.5, rng), damlab::InvalidArgument);
  EXPECT_THROW(damlab::parse_choice<UpdateMode>("update", "both"), damlab::InvalidArgument);
  const Network net(set, Separation::poly(2));
  EXPECT_THROW(damlab::retrievability(net, 0.1, 0, 1, UpdateMode::synchronous, rng), damlab::InvalidArgument);
  EXPECT_THROW(damlab::converged_fraction({}, 10, {2.0}), damlab::InvalidArgument);
}

}  // namespace
