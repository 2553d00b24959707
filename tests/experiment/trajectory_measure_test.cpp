// measure = trajectory (experiment/trajectory_measure.hpp): its spec's
// checks, each naming the field and its range, and its record against a
// literal reference: the memories picked, noised and occluded with the
// core's lower-level calls in the documented order, then updated by the
// literal rule of tests/support/reference.hpp (clamped bits kept).
#include "damlab/experiment/trajectory_measure.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/util/error.hpp"
#include "../support/reference.hpp"

namespace {

using damlab::Json;

// The field and message of the error a trajectory spec's text raises.
std::pair<std::string, std::string> trajectory_error(const std::string& text) {
  try {
    damlab::run_spec(damlab::parse_spec_text(text));
  } catch (const damlab::InvalidArgument& e) {
    return {e.field(), e.what()};
  }
  return {"(no error)", ""};
}

const std::string square_data = R"("data": {"source": "rademacher", "N": 64, "S": 20, "p": 0.5, "seed": 4})";

std::string trajectory_spec(const std::string& probe, const std::string& data = square_data) {
  return R"({"measure": "trajectory", )" + data + R"(, "model": {"F": "rectpoly", "n": 3}, "probe": {)" + probe +
         "}}";
}

TEST(TrajectorySpec, EachBadFieldIsNamedWithItsRange) {
  EXPECT_EQ(trajectory_error(trajectory_spec(R"("K": 12, "memory": 5)")).first, "(no error)");
  const auto expect = [](const std::string& probe, const std::string& field, const std::string& range,
                         const std::string& data = square_data) {
    const auto [got_field, message] = trajectory_error(trajectory_spec(probe, data));
    EXPECT_EQ(got_field, field) << probe;
    EXPECT_NE(message.find(range), std::string::npos) << message;
  };
  expect(R"("K": 12, "memory": 12)", "probe.memory", "below probe.K = 12");
  expect(R"("memory": 20)", "probe.memory", "below K = 20");  // K = 0: all 20 patterns
  expect(R"("K": 21)", "probe.K", "at most the 20 patterns");
  expect(R"("memory": -1)", "probe.memory", "an integer in [0, ");
  expect(R"("steps": 0)", "probe.steps", "an integer in [1, 1000]");
  expect(R"("steps": 1001)", "probe.steps", "an integer in [1, 1000]");
  expect(R"("delta": 1.5)", "probe.delta", "in [0, 1]");
  expect(R"("update": "random")", "probe.update", "sync or async");
  expect(R"("seed": 9007199254740992)", "probe.seed", "[0, 9007199254740991]");
  expect(R"("occlusion_position": "random")", "probe.occlusion_position",
         "one of none, center, top, bottom, left, right");
  expect(R"("occlusion_position": "top", "clamp": 1)", "probe.clamp", "true or false");
  expect(R"("clamp": true)", "probe.clamp", "false for probe.occlusion_position = none");
  expect(R"("occlusion": 4)", "probe.occlusion", "present");  // recall's key, not this measure's
  expect(R"("count": 4)", "probe.count", "present");
  expect(R"("occlusion_position": "left")", "data.N", "a square image of side at least 2",
         R"("data": {"source": "rademacher", "N": 60, "S": 20, "p": 0.5})");
  expect(R"("occlusion_position": "top")", "data.N", "a square image of side at least 2",
         R"("data": {"source": "rademacher", "N": 1, "S": 3, "p": 0.5})");
  EXPECT_EQ(trajectory_error(R"({"measure": "trajectory", "data": {"source": "trained", "path": "a.memories"}})").first,
            "measure");
  // A sweep of trajectories is refused: each is a sequence of states, not a row.
  try {
    damlab::parse_experiment(damlab::parse_json_text(trajectory_spec(R"("K": 12)")));
    ADD_FAILURE() << "a trajectory experiment was accepted by sweeps";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "measure");
  }
}

TEST(TrajectorySpec, NormalizedFormListsEveryField) {
  const Json spec = damlab::to_json(damlab::parse_spec_text(trajectory_spec(R"("K": 12)")));
  EXPECT_EQ(spec["probe"].dump(),
            R"({"K":12,"delta":0.0,"steps":1,"update":"sync","seed":1,"memory":0,"occlusion_position":"none","clamp":false})");
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(spec)), spec);
}

std::string bits_of(const reference::Vec& v) {
  std::string out;
  for (const int s : v) out += s > 0 ? '1' : '0';
  return out;
}

// The literal composition: K memories of the permutation, the probe noised by
// flip_bits and its top rows (half the side) set to -1, then literal updates.
// n: the DAM's degree; a low n with many memories and much noise makes the
// order of asynchronous updates matter.
void expect_literal(damlab::UpdateMode mode, bool clamp, std::size_t K = 12, double delta = 0.15, int n = 3) {
  const std::size_t N = 64, S = 20, memory = 5, steps = 6, side = 8;
  const std::uint64_t seed = 9;
  const std::string text =
      R"({"measure": "trajectory", )" + square_data + R"(, "model": {"F": "rectpoly", "n": )" + std::to_string(n) +
      R"(}, "probe": {"K": )" + std::to_string(K) + R"(, "memory": 5, "delta": )" + Json(delta).dump() +
      R"(, "steps": 6, "seed": 9, "occlusion_position": "top", "update": ")" +
      (mode == damlab::UpdateMode::synchronous ? "sync" : "async") + R"(", "clamp": )" + (clamp ? "true" : "false") +
      "}}";
  const Json record = damlab::run_spec(damlab::parse_spec_text(text));
  const Json& result = record["result"];

  const damlab::PatternSet data = damlab::rademacher(N, S, 0.5, 4);
  damlab::Rng rng(seed);
  const auto order = rng.permutation(static_cast<std::uint32_t>(S));
  reference::Mat memories;
  for (std::size_t m = 0; m < K; ++m) memories.push_back(data.signs(order[m]));
  reference::Vec state = damlab::flip_bits(data.slice(order[memory], 1), delta, rng).signs(0);
  for (std::size_t i = 0; i < side / 2 * side; ++i) state[i] = -1;  // the top 4 of 8 rows
  const auto F = damlab::Separation::rectpoly(n);
  const auto kept = [&](std::size_t i) { return clamp && i >= side / 2 * side; };
  damlab::Rng sweeps(seed);
  std::vector<reference::Vec> states{state};
  std::vector<std::size_t> flips;
  for (std::size_t t = 0; t < steps; ++t) {
    reference::Vec next = state;
    if (mode == damlab::UpdateMode::synchronous) {
      for (std::size_t i = 0; i < N; ++i)
        if (!kept(i)) next[i] = reference::keep_on_tie(reference::literal_sign(F, memories, state, i), state[i]);
    } else {
      for (const std::uint32_t i : sweeps.permutation(N))
        if (!kept(i)) next[i] = reference::keep_on_tie(reference::literal_sign(F, memories, next, i), next[i]);
    }
    std::size_t flipped = 0;
    for (std::size_t i = 0; i < N; ++i) flipped += next[i] != state[i];
    flips.push_back(flipped);
    state = next;
    states.push_back(state);
    if (flipped == 0) break;
  }

  EXPECT_EQ(result["N"], N);
  EXPECT_EQ(result["K"], K);
  EXPECT_EQ(result["probed"]["memory"], memory);
  EXPECT_EQ(result["probed"]["data_index"], order[memory]);
  EXPECT_TRUE(result["probed"]["label"].is_null());
  EXPECT_EQ(result["probed"]["bits"], bits_of(memories[memory]));
  ASSERT_EQ(result["states"].size(), states.size());
  EXPECT_EQ(result["flips"], Json(flips));
  EXPECT_EQ(result["converged"], flips.back() == 0);
  ASSERT_EQ(result["energies"].size(), states.size());
  for (std::size_t t = 0; t < states.size(); ++t) {
    EXPECT_EQ(result["states"][t], bits_of(states[t])) << "state " << t;
    EXPECT_NEAR(result["energies"][t].get<double>(),
                static_cast<double>(reference::literal_energy(F, memories, states[t])), 1e-12);
    // The five largest overlaps, lower index first on ties, by a full sort.
    std::vector<std::size_t> by_overlap(K);
    std::iota(by_overlap.begin(), by_overlap.end(), std::size_t{0});
    const auto m = [&](std::size_t mu) { return reference::dot(memories[mu], states[t]); };
    std::stable_sort(by_overlap.begin(), by_overlap.end(), [&](auto a, auto b) { return m(a) > m(b); });
    const Json& nearest = result["nearest"][t];
    ASSERT_EQ(nearest.size(), 5u);
    for (std::size_t r = 0; r < 5; ++r) {
      EXPECT_EQ(nearest[r]["memory"], by_overlap[r]);
      EXPECT_EQ(nearest[r]["overlap"], m(by_overlap[r]));
      EXPECT_EQ(nearest[r]["data_index"], order[by_overlap[r]]);
    }
    EXPECT_EQ(result["nearest_bits"][std::to_string(by_overlap[0])], bits_of(memories[by_overlap[0]]));
  }
  if (clamp) {
    for (const auto& s : states)
      EXPECT_EQ(bits_of(s).substr(32), bits_of(states[0]).substr(32)) << "a clamped bit changed";
  }
  EXPECT_GE(flips.front(), 1u) << "the case should move";
}

TEST(TrajectoryMeasure, SynchronousClampedEqualsTheLiteralRule) { expect_literal(damlab::UpdateMode::synchronous, true); }
TEST(TrajectoryMeasure, SynchronousFreeEqualsTheLiteralRule) { expect_literal(damlab::UpdateMode::synchronous, false); }
TEST(TrajectoryMeasure, AsynchronousEqualsTheLiteralRule) { expect_literal(damlab::UpdateMode::asynchronous, false); }
TEST(TrajectoryMeasure, AsynchronousClampedEqualsTheLiteralRule) { expect_literal(damlab::UpdateMode::asynchronous, true); }
TEST(TrajectoryMeasure, AsynchronousOverloadedEqualsTheLiteralRule) {
  for (const double delta : {0.3, 0.4})
    for (const int n : {2, 3}) expect_literal(damlab::UpdateMode::asynchronous, false, 20, delta, n);
}

}  // namespace
