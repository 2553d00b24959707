// The recall trajectory of one probe under any model (models/model.hpp): the
// state after every update step, with its overlaps with every memory and, for
// models that define one, its energy. The playground's Recall view draws it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
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

// The indices of the `count` largest key(values[i]) (all when fewer), largest
// first, the lower index first on ties.
template <class T, class Key>
std::vector<std::size_t> largest_by(std::span<const T> values, std::size_t count, Key key) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const std::size_t kept = std::min(count, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [&](std::size_t a, std::size_t b) {
                      const auto x = key(values[a]), y = key(values[b]);
                      return x != y ? x > y : a < b;
                    });
  order.resize(kept);
  return order;
}

// The indices of the `count` largest overlaps (largest_by): the memories a
// state is nearest to.
std::vector<std::size_t> largest_overlaps(std::span<const std::int32_t> overlaps, std::size_t count);

}  // namespace damlab
