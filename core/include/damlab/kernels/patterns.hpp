// Bit-packed sets of ±1 patterns. Bit 1 stands for +1, bit 0 for -1. Each
// pattern occupies whole 64-bit words; the padding bits past N are always 0 in
// every pattern of every set, so XOR of two patterns never counts them and an
// overlap is exact.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/util/progress.hpp"

namespace damlab {

class PatternSet {
 public:
  // count patterns of N bits, all -1.
  PatternSet(std::size_t N, std::size_t count);

  // From count*N bytes: value >= threshold gives +1, below gives -1.
  static PatternSet from_bytes(std::span<const std::uint8_t> values,
                               std::size_t N, std::uint8_t threshold);
  // From ±1 values (any nonzero sign; 0 is rejected), count*N of them.
  static PatternSet from_signs(std::span<const int> signs, std::size_t N);
  // From packed words, words_per_pattern(N) per pattern; padding must be 0.
  static PatternSet from_words(std::span<const std::uint64_t> words,
                               std::size_t N);

  // Without N + 63, which wraps for N near SIZE_MAX (2^32 - 1 on wasm32).
  static std::size_t words_per_pattern(std::size_t N) { return N / 64 + (N % 64 != 0); }

  std::size_t N() const { return N_; }
  std::size_t size() const { return count_; }
  std::size_t words() const { return words_; }

  // The packed words of pattern p.
  std::span<const std::uint64_t> row(std::size_t p) const {
    return {bits_.data() + p * words_, words_};
  }
  std::span<const std::uint64_t> all_words() const { return bits_; }

  bool bit(std::size_t p, std::size_t i) const {
    return (bits_[p * words_ + i / 64] >> (i % 64)) & 1U;
  }
  int sign(std::size_t p, std::size_t i) const { return bit(p, i) ? 1 : -1; }
  void set_sign(std::size_t p, std::size_t i, int s);
  void flip(std::size_t p, std::size_t i) {
    bits_[p * words_ + i / 64] ^= std::uint64_t{1} << (i % 64);
  }

  // A new set holding patterns [first, first + count).
  PatternSet slice(std::size_t first, std::size_t count) const;
  // Appends every pattern of other (same N).
  void append(const PatternSet& other);
  // Appends pattern p of other (same N).
  void append_row(const PatternSet& other, std::size_t p);
  // ±1 values of pattern p.
  std::vector<int> signs(std::size_t p) const;

  bool operator==(const PatternSet&) const = default;

 private:
  std::size_t N_;
  std::size_t count_;
  std::size_t words_;
  std::vector<std::uint64_t> bits_;
};

// Hamming distance of two packed rows of equal length.
inline std::uint32_t hamming(std::span<const std::uint64_t> a,
                             std::span<const std::uint64_t> b) {
  std::uint32_t distance = 0;
  for (std::size_t w = 0; w < a.size(); ++w)
    distance += static_cast<std::uint32_t>(std::popcount(a[w] ^ b[w]));
  return distance;
}

// Overlap m = a·b = N - 2·HD(a, b).
inline std::int32_t overlap(std::span<const std::uint64_t> a,
                            std::span<const std::uint64_t> b, std::size_t N) {
  return static_cast<std::int32_t>(N) -
         2 * static_cast<std::int32_t>(hamming(a, b));
}

// Sum of HD over all unordered pairs of a set's first `prefix` patterns, and
// the number of pairs, so a mean is an exact ratio of two integers.
struct PairwiseDistance {
  std::uint64_t distance_sum = 0;
  std::uint64_t pairs = 0;
  // distance_sum / pairs; NaN when there are no pairs (fewer than 2 patterns).
  double mean() const;
};

// prefix² × words / 2 words of work: progress (util/progress.hpp) is polled
// every report_interval words, a cancellation throws Cancelled.
PairwiseDistance pairwise_distance(const PatternSet& set, std::size_t prefix,
                                   const Progress& progress = {});
inline PairwiseDistance pairwise_distance(const PatternSet& set) {
  return pairwise_distance(set, set.size());
}

// For every prefix length K = 0..size: the pairwise distance of the first K
// patterns, in O(size^2) overlaps.
std::vector<PairwiseDistance> prefix_pairwise_distances(const PatternSet& set);

}  // namespace damlab
