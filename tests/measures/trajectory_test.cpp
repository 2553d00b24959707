#include "damlab/measures/trajectory.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"
#include "damlab/dam/network.hpp"

namespace {

using damlab::ModelSpec;
using damlab::PatternSet;
using damlab::Rng;

// A recall trajectory under the DAM equals the Network's own steps; under a
// non-DAM model it equals Model::synchronous_update / asynchronous_sweep
// step by step, with the overlaps of every state.
TEST(Trajectory, FollowsTheModelStepByStep) {
  const auto memories = damlab::rademacher(49, 6, 0.5, 11);
  Rng noise(12);
  const PatternSet probes = damlab::flip_bits(memories, 0.25, noise);
  std::vector<std::uint8_t> clamped(49, 0);
  clamped[3] = clamped[17] = 1;
  const damlab::Network net(memories, damlab::Separation::rectpoly(3));
  ModelSpec cov;
  cov.name = "hopfield-covariance";
  cov.a = 0.3;
  const auto hebbian = damlab::make_model(cov, memories);
  const std::vector<const damlab::Model*> models{&net, hebbian.get()};
  for (const damlab::Model* model : models)
    for (const auto mode : {damlab::UpdateMode::synchronous, damlab::UpdateMode::asynchronous})
      for (const bool seeded : {false, true}) {
        const PatternSet probe = probes.slice(2, 1);
        Rng r1(21), r2(21);
        const auto run = damlab::recall_trajectory(*model, probe, 8, mode, clamped,
                                                   seeded ? &r1 : nullptr);
        PatternSet state = probe;
        ASSERT_EQ(run.states.size(), run.flips.size() + 1);
        EXPECT_EQ(run.states[0], probe);
        for (std::size_t t = 0; t < run.flips.size(); ++t) {
          const std::size_t flipped =
              mode == damlab::UpdateMode::synchronous
                  ? model->synchronous_update(state, clamped)
                  : model->asynchronous_sweep(
                        state, 0, seeded ? r2.permutation(49) : std::vector<std::uint32_t>{},
                        clamped);
          EXPECT_EQ(run.flips[t], flipped);
          ASSERT_EQ(run.states[t + 1], state) << t;
          EXPECT_EQ(run.overlaps[t + 1], model->overlaps(state, 0));
          for (std::size_t i : {3u, 17u}) {
            EXPECT_EQ(state.sign(0, i), probe.sign(0, i));
          }
          if (t + 1 < run.flips.size()) {
            EXPECT_GT(flipped, 0u);
          }
        }
        EXPECT_EQ(run.converged, run.flips.back() == 0);
        EXPECT_EQ(run.energies.size(), model == &net ? run.states.size() : 0u);
        if (model == &net) {
          for (std::size_t t = 0; t < run.states.size(); ++t) {
            EXPECT_EQ(run.energies[t], *net.energy(run.states[t], 0));
          }
        }
      }
  EXPECT_THROW(damlab::recall_trajectory(net, probes, 3, damlab::UpdateMode::synchronous),
               damlab::InvalidArgument);
  EXPECT_THROW(damlab::recall_trajectory(net, probes.slice(0, 1), 0,
                                         damlab::UpdateMode::synchronous),
               damlab::InvalidArgument);
}

}  // namespace

namespace {

// The memories of largest overlap: largest first, the lower index on ties,
// all of them when fewer than asked, against a full stable sort.
TEST(Trajectory, LargestOverlapsInOrderWithTiesByIndex) {
  const std::vector<std::int32_t> overlaps{3, -7, 9, 3, 9, 0, -7, 3};
  EXPECT_EQ(damlab::largest_overlaps(overlaps, 5), (std::vector<std::size_t>{2, 4, 0, 3, 7}));
  EXPECT_EQ(damlab::largest_overlaps(overlaps, 0), std::vector<std::size_t>{});
  std::vector<std::size_t> all(overlaps.size());
  for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
  std::stable_sort(all.begin(), all.end(), [&](auto a, auto b) { return overlaps[a] > overlaps[b]; });
  EXPECT_EQ(damlab::largest_overlaps(overlaps, 100), all);
}

}  // namespace
