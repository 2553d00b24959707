#include "damlab/train/trained_network.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "damlab/util/error.hpp"
#include "train_reference.hpp"

namespace {

using damlab::TrainingF;

// The literal rule: for every neuron, h_μ from the other neurons, the field
// as the sum of β F differences, the sign (0 keeps the bit).
std::vector<int> literal_update(const damlab::TrainedMemories& m, const std::vector<int>& sigma) {
  const std::size_t W = m.width();
  std::vector<int> next(sigma);
  for (std::size_t i = 0; i < W; ++i) {
    double field = 0;
    for (std::size_t mu = 0; mu < m.memories; ++mu) {
      double h = 0;
      for (std::size_t j = 0; j < W; ++j)
        if (j != i) h += static_cast<double>(m.weights[mu * W + j]) * sigma[j];
      const double xi = m.weights[mu * W + i];
      field += train_reference::beta_F(m.f, m.temperature, xi + h) -
               train_reference::beta_F(m.f, m.temperature, -xi + h);
    }
    if (field > 1e-12) next[i] = 1;
    if (field < -1e-12) next[i] = -1;
  }
  return next;
}

TEST(TrainedNetwork, SynchronousUpdateMatchesLiteralRule) {
  std::uint64_t seed = 40;
  for (TrainingF f : {TrainingF{TrainingF::Kind::rectpoly, 2}, TrainingF{TrainingF::Kind::rectpoly, 3},
                      TrainingF{TrainingF::Kind::rectpoly, 8}, TrainingF{TrainingF::Kind::exp, 0}}) {
    const auto p = train_reference::random_problem(seed++, 37, 20, 3, 0, f, 4.0);
    const damlab::TrainedNetwork net(p.memories);
    damlab::Rng rng(seed);
    std::vector<int> signs;
    for (int k = 0; k < 5 * 23; ++k) signs.push_back(rng.bernoulli(0.5) ? 1 : -1);
    auto states = damlab::PatternSet::from_signs(signs, 23);
    const auto before = states;
    std::vector<std::uint8_t> clamped(23, 0);
    clamped[4] = 1;
    const std::size_t flipped = net.synchronous_update(states, clamped, 2);
    std::size_t expected_flips = 0;
    for (std::size_t s = 0; s < 5; ++s) {
      std::vector<int> sigma(signs.begin() + s * 23, signs.begin() + (s + 1) * 23);
      auto expected = literal_update(p.memories, sigma);
      expected[4] = sigma[4];
      for (std::size_t i = 0; i < 23; ++i) {
        EXPECT_EQ(states.sign(s, i), expected[i]) << "state " << s << " bit " << i;
        expected_flips += expected[i] != sigma[i];
      }
      double cvg = 0;
      for (std::size_t mu = 0; mu < 37; ++mu) {
        double overlap = 0;
        for (std::size_t i = 0; i < 23; ++i) overlap += p.memories.weights[mu * 23 + i] * sigma[i];
        cvg = std::max(cvg, std::fabs(overlap));
      }
      EXPECT_NEAR(net.convergence(before, s), cvg, 1e-9);
    }
    EXPECT_EQ(flipped, expected_flips);
  }
}

TEST(TrainedNetwork, RefusesWrongStatesAndOverflow) {
  auto p = train_reference::random_problem(1, 3, 5, 2, 0, {TrainingF::Kind::rectpoly, 2}, 1.0);
  const damlab::TrainedNetwork net(p.memories);
  damlab::PatternSet wrong(6, 1);
  EXPECT_THROW(net.synchronous_update(wrong), damlab::InvalidArgument);
  p.memories.f = {TrainingF::Kind::rectpoly, 100};
  p.memories.temperature = 1e-5;
  EXPECT_THROW(damlab::TrainedNetwork{p.memories}, damlab::InvalidArgument);
}

}  // namespace
