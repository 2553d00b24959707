// A Dense Associative Memory: stored memories plus a separation function, with
// its energy and the energy-difference update rule in closed form.
//   E(σ) = -Σ_μ F(ξ^μ·σ), reported in units of F(N) (see Separation::normalized).
// Update of bit i: σ_i <- sign(field_i); a field of exactly 0 keeps the bit.
// Decisions are exact (see field_terms.hpp): they equal those of the literal
// rule σ_i <- sgn[Σ_μ F(ξ_i^μ + h_μ) - F(-ξ_i^μ + h_μ)], h_μ = Σ_{j≠i} ξ_j^μ σ_j.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "damlab/kernels/bit_columns.hpp"
#include "damlab/kernels/field_terms.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/dam/separation.hpp"
#include "damlab/models/model.hpp"

namespace damlab {

// The DAM model ("dam", and "lse" through ModelSpec::dam_separation): the
// memories are the Model's; the bit columns and field terms are built from them.
class Network : public Model {
 public:
  // memories: at least one pattern.
  Network(PatternSet memories, const Separation& F);

  const Separation& separation() const { return terms_.separation(); }

  // E(σ) / F(N) for pattern p of states (always present for the DAM).
  std::optional<double> energy(const PatternSet& states, std::size_t p) const override;

  // The exact sign (-1, 0, +1) of field_i for pattern p of states.
  int field_sign(const PatternSet& states, std::size_t p, std::size_t i) const;

  // Model's updates, in closed form: the synchronous update takes the
  // overlaps of 16 states at a time and the field sums eight memories per
  // lookup, and threads > 1 splits the states between threads (builds
  // without threads use one); the asynchronous sweep keeps the overlaps
  // current by ±2 after every flip.
  std::size_t synchronous_update(PatternSet& states, std::span<const std::uint8_t> clamped = {},
                                 std::size_t threads = 1) const override;
  std::size_t asynchronous_sweep(PatternSet& states, std::size_t p,
                                 std::span<const std::uint32_t> order = {},
                                 std::span<const std::uint8_t> clamped = {}) const override;
  bool is_fixed_point(const PatternSet& states, std::size_t p) const override;

 protected:
  int decide(const Work& work, std::size_t i) const override;

 private:
  // Exact field sign of bit i (current value sigma) from the state's overlaps.
  int field_sign(std::span<const std::int32_t> overlaps, std::size_t i,
                 int sigma) const;
  // The synchronous update of states [first, last).
  std::size_t update_states(PatternSet& states, std::size_t first, std::size_t last,
                            std::span<const std::uint8_t> clamped) const;

  BitColumns columns_;  // the memories by bit position, for the field sums
  FieldTerms terms_;
};

}  // namespace damlab
