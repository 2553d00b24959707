#include "damlab/measures/trajectory.hpp"

#include "damlab/util/error.hpp"

namespace damlab {

Trajectory recall_trajectory(const Model& model, const PatternSet& probe, std::size_t steps,
                             UpdateMode mode, std::span<const std::uint8_t> clamped,
                             Rng* order_rng) {
  require(probe.size() == 1, "probe.length", probe.size(), "exactly 1 pattern");
  require(steps >= 1 && steps <= max_trajectory_steps, "steps", steps,
          "an integer in [1, " + std::to_string(max_trajectory_steps) + "]");
  Trajectory out;
  PatternSet state = probe;
  const auto record = [&] {
    out.states.push_back(state);
    out.overlaps.push_back(model.overlaps(state, 0));
    if (const auto energy = model.energy(state, 0)) out.energies.push_back(*energy);
  };
  record();
  for (std::size_t t = 0; t < steps; ++t) {
    std::size_t flipped = 0;
    if (mode == UpdateMode::synchronous) {
      flipped = model.synchronous_update(state, clamped);
    } else {
      const auto order = order_rng ? order_rng->permutation(static_cast<std::uint32_t>(model.N()))
                                   : std::vector<std::uint32_t>{};
      flipped = model.asynchronous_sweep(state, 0, order, clamped);
    }
    out.flips.push_back(flipped);
    record();
    if (flipped == 0) break;
  }
  out.converged = out.flips.back() == 0;
  return out;
}

std::vector<std::size_t> largest_overlaps(std::span<const std::int32_t> overlaps, std::size_t count) {
  return largest_by(overlaps, count, [](std::int32_t overlap) { return overlap; });
}

}  // namespace damlab
