// The recall trajectory of one probe under any model (models/model.hpp): the
// state after every update step, with its overlaps with every memory and, for
// models that define one, its energy. The playground's Recall view draws it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/data/rng.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/models/model.hpp"

namespace damlab {

struct Trajectory {
  // Entry 0 is the probe, entry t the state after step t (one pattern each).
  std::vector<PatternSet> states;
  std::vector<std::vector<std::int32_t>> overlaps;  // per state, with every memory
  std::vector<double> energies;  // per state; empty when the model has no energy
  std::vector<std::size_t> flips;  // bits flipped by each step
  bool converged = false;          // the last step flipped nothing
};

inline constexpr std::size_t max_trajectory_steps = std::size_t{1} << 20;

// Up to `steps` (in [1, 2^20]) synchronous updates or asynchronous sweeps of
// probe (one pattern), stopping after the first step that flips nothing.
// clamped (empty, or N flags) marks bits that never change. Asynchronous
// sweeps go in a fresh permutation from order_rng per sweep, or in order
// 0..N-1 when order_rng is null.
Trajectory recall_trajectory(const Model& model, const PatternSet& probe, std::size_t steps,
                             UpdateMode mode, std::span<const std::uint8_t> clamped = {},
                             Rng* order_rng = nullptr);

// The indices of the `count` largest overlaps (all when fewer), largest
// first, the lower index first on ties: the memories a state is nearest to.
std::vector<std::size_t> largest_overlaps(std::span<const std::int32_t> overlaps, std::size_t count);

}  // namespace damlab
