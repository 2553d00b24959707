// A Dense Associative Memory: stored memories plus a separation function, with
// its energy and the energy-difference update rule in closed form.
//   E(σ) = -Σ_μ F(ξ^μ·σ), reported in units of F(N) (see Separation::normalized).
// Update of bit i: σ_i <- sign(field_i); a field of exactly 0 keeps the bit.
// Decisions are exact (see field_terms.hpp): they equal those of the literal
// rule σ_i <- sgn[Σ_μ F(ξ_i^μ + h_μ) - F(-ξ_i^μ + h_μ)], h_μ = Σ_{j≠i} ξ_j^μ σ_j.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/kernels/bit_columns.hpp"
#include "damlab/kernels/field_terms.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/dam/separation.hpp"

namespace damlab {

class Network {
 public:
  // memories: at least one pattern.
  Network(PatternSet memories, const Separation& F);

  const PatternSet& memories() const { return memories_; }
  const Separation& separation() const { return terms_.separation(); }
  std::size_t N() const { return memories_.N(); }

  // Overlaps ξ^μ·σ of pattern p of states with every memory.
  std::vector<std::int32_t> overlaps(const PatternSet& states,
                                     std::size_t p) const;
  // E(σ) / F(N) for pattern p of states.
  double energy(const PatternSet& states, std::size_t p) const;

  // The exact sign (-1, 0, +1) of field_i for pattern p of states.
  int field_sign(const PatternSet& states, std::size_t p, std::size_t i) const;

  // One synchronous update of every state: all bits from the same σ.
  // clamped (empty, or N flags) marks bits that never change. Returns the
  // number of bits flipped over all states. threads > 1 splits the states
  // between threads (same result; builds without threads use one).
  std::size_t synchronous_update(PatternSet& states,
                                 std::span<const std::uint8_t> clamped = {},
                                 std::size_t threads = 1) const;

  // One asynchronous sweep of pattern p of states: bits in the given order
  // (a permutation of 0..N-1, or empty for 0..N-1), each from the current
  // state, overlaps updated by ±2 after every flip. Returns bits flipped.
  std::size_t asynchronous_sweep(PatternSet& states, std::size_t p,
                                 std::span<const std::uint32_t> order = {},
                                 std::span<const std::uint8_t> clamped = {}) const;

  // Whether no bit of pattern p of states would change.
  bool is_fixed_point(const PatternSet& states, std::size_t p) const;

 private:
  // Exact field sign of bit i (current value sigma) from the state's overlaps.
  int field_sign(std::span<const std::int32_t> overlaps, std::size_t i,
                 int sigma) const;
  // The synchronous update of states [first, last).
  std::size_t update_states(PatternSet& states, std::size_t first, std::size_t last,
                            std::span<const std::uint8_t> clamped) const;
  void check_states(const PatternSet& states) const;
  void check_clamped(std::span<const std::uint8_t> clamped) const;

  PatternSet memories_;
  BitColumns columns_;  // the memories by bit position, for the field sums
  FieldTerms terms_;
};

}  // namespace damlab
