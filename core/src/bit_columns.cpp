#include "damlab/bit_columns.hpp"

#include "damlab/error.hpp"

namespace damlab {

BitColumns::BitColumns(const PatternSet& set)
    : N_(set.N()), groups_((set.size() + 7) / 8), bytes_(groups_ * set.N(), 0) {
  for (std::size_t p = 0; p < set.size(); ++p) {
    std::uint8_t* column = bytes_.data() + (p / 8) * N_;
    const auto bit = static_cast<std::uint8_t>(1U << (p % 8));
    const auto row = set.row(p);
    for (std::size_t w = 0; w < row.size(); ++w)
      for (std::uint64_t bits = row[w]; bits != 0; bits &= bits - 1)
        column[w * 64 + static_cast<std::size_t>(std::countr_zero(bits))] |= bit;
  }
}

void signed_sum_table(std::span<const double, 8> c, SignedSumTable& table) {
  // Entries for the first k bits, extended one bit at a time: each entry is
  // a sequential sum of its own eight terms.
  table[0] = -c[0];
  table[1] = c[0];
  for (std::size_t k = 1; k < 8; ++k) {
    const std::size_t half = std::size_t{1} << k;
    for (std::size_t b = 0; b < half; ++b) {
      table[b + half] = table[b] + c[k];
      table[b] = table[b] - c[k];
    }
  }
}

void accumulate_group(const SignedSumTable& table, std::span<const std::uint8_t> column,
                      std::span<const std::uint8_t> flip, std::span<double> out) {
  const std::size_t n = out.size();
  if (flip.empty()) {
    for (std::size_t i = 0; i < n; ++i) out[i] += table[column[i]];
  } else {
    for (std::size_t i = 0; i < n; ++i) out[i] += table[column[i] ^ flip[i]];
  }
}

void flip_bytes(const PatternSet& set, std::size_t p, std::span<std::uint8_t> out) {
  require(out.size() == set.N(), "flip.length", out.size(), "N = " + std::to_string(set.N()));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = set.bit(p, i) ? 0x00 : 0xFF;
}

}  // namespace damlab
