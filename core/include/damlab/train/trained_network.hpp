// The dynamics of a Dense Associative Memory over trained (real-valued)
// memories, as the overloaded-regime paper runs them: ±1 states over all
// N + C visible neurons (pixels, then labels), the synchronous update
//   σ_i <- sign(Σ_μ β F(ξ^μ_i + h_μi) - β F(-ξ^μ_i + h_μi)),
//   h_μi = Σ_{j≠i} ξ^μ_j σ_j,
// with the memories' F and temperature (a field of exactly 0 keeps the bit),
// and the convergence measure Cvg(σ) = max_μ |⟨ξ^μ, σ⟩|.
//
// Not a models/Model: that interface stores ±1 memories and reports integer
// overlaps, which real-valued memories do not have.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/train/trained_memories.hpp"

namespace damlab {

class TrainedNetwork {
 public:
  // Throws InvalidArgument for invalid memories, or ("temperature") when
  // β F(N + C) is not finite in a double.
  explicit TrainedNetwork(TrainedMemories memories);

  const TrainedMemories& memories() const { return memories_; }
  std::size_t neurons() const { return memories_.width(); }  // N + C

  // One synchronous update of every state (states of N + C bits); clamped
  // (empty, or N + C flags) marks bits that never change. threads > 1 splits
  // the states (same result). Returns the bits flipped over all states.
  std::size_t synchronous_update(PatternSet& states, std::span<const std::uint8_t> clamped = {},
                                 std::size_t threads = 1) const;

  // ⟨ξ^μ, σ⟩ of state p with every memory, each summed over i in order.
  std::vector<double> overlaps(const PatternSet& states, std::size_t p) const;
  // Cvg = max_μ |⟨ξ^μ, σ⟩| of state p.
  double convergence(const PatternSet& states, std::size_t p) const;

 private:
  void check_states(const PatternSet& states) const;
  // The new states of pattern p into next (±1 per neuron).
  void update_one(const PatternSet& states, std::size_t p, std::span<const std::uint8_t> clamped,
                  std::vector<int>& next) const;

  TrainedMemories memories_;
  // (N + C) × Kp: ξ^μ_i at [i Kp + μ], Kp = K rounded up to 16, 0 past K.
  std::vector<double> by_neuron_;
};

}  // namespace damlab
