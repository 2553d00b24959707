// Patterns stored by bit position, eight patterns at a time, for sums of the
// form Σ_μ ξ_i^μ c_μ over all bits i at once (fields, margins).
//
// A group holds eight patterns; byte i of group g has bit k set when pattern
// 8g + k is +1 at bit i. With a table of the 256 signed sums of the group's
// eight coefficients, table[b] = Σ_k (bit k of b ? c_k : -c_k), a group adds
// to every bit with one table lookup instead of eight multiply-adds: the ±1
// structure used directly. Each table entry is a plain sum of the eight terms
// (no term is formed as a difference of others), so every accumulated value
// is the terms summed in some order and grouping, and FieldTerms::error_bound
// applies to it unchanged.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/kernels/patterns.hpp"

namespace damlab {

using SignedSumTable = std::array<double, 256>;

class BitColumns {
 public:
  explicit BitColumns(const PatternSet& set);

  std::size_t N() const { return N_; }
  std::size_t groups() const { return groups_; }
  // The N bytes of group g (patterns 8g .. 8g+7; missing patterns are 0 bits).
  std::span<const std::uint8_t> group(std::size_t g) const {
    return {bytes_.data() + g * N_, N_};
  }

 private:
  std::size_t N_, groups_;
  std::vector<std::uint8_t> bytes_;
};

// table[b] = Σ_{k<8} (bit k of b ? c[k] : -c[k]), summed k = 0, 1, ..., 7.
// A coefficient of 0 leaves the pattern out.
void signed_sum_table(std::span<const double, 8> c, SignedSumTable& table);

// out[i] += table[column[i] ^ flip[i]] for every i (flip may be empty: no
// flip). flip[i] = 0xFF for bits where the reference pattern is -1 turns the
// sums Σ ξ_i^μ c_μ into Σ ξ_i^ν ξ_i^μ c_μ.
void accumulate_group(const SignedSumTable& table, std::span<const std::uint8_t> column,
                      std::span<const std::uint8_t> flip, std::span<double> out);

// out[i] += Σ_{first <= μ < last} ξ_i^μ c[μ] (times ξ_i^ν with ν's flip bytes)
// for every bit i, four groups per pass over out. With in_registers and
// AVX-512, each group is two 16-entry tables held in registers (one permute
// looks up eight bits); otherwise the 256-entry tables above. The two add the
// same terms in different groupings: equal up to rounding, which the error
// bounds of the callers cover.
void accumulate_signed_sums(const BitColumns& columns, std::span<const double> c,
                            std::size_t first, std::size_t last,
                            std::span<const std::uint8_t> flip, std::span<double> out,
                            bool in_registers = true);
// Whether this CPU has the in-register path.
bool accumulate_in_registers_available();

// The flip bytes of pattern p: 0x00 where it is +1, 0xFF where it is -1.
void flip_bytes(const PatternSet& set, std::size_t p, std::span<std::uint8_t> out);

}  // namespace damlab
