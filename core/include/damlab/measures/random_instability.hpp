// Measurements on random ±1 patterns (p = 1/2) that hold the finite-N theory
// (dam/finite_capacity.hpp) to the model: the Kmax of independent sets, and
// the unstable bits of K stored patterns (docs/science.md, "Finite-N
// capacity"). Set r of a run is rademacher(N, ·, 1/2, seed + r).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "damlab/dam/separation.hpp"
#include "damlab/kernels/patterns.hpp"

namespace damlab {

// Kmax (exact mode, "all first K retrieved") of `sets` sets of S patterns.
std::vector<std::size_t> random_kmax(std::size_t N, std::size_t S, const Separation& F,
                                     std::size_t sets, std::uint64_t seed,
                                     std::size_t threads = 1);

// Whether two of the first K patterns of set are at Hamming distance exactly
// 1 (no DAM can keep both: docs/science.md). O(K^2 N / 64).
bool holds_close_pair(const PatternSet& set, std::size_t K);

// One synchronous update from each of K stored patterns (memories = the same
// K patterns), over `sets` sets: the bits it would flip (a tie keeps the bit),
// the patterns with no such bit and the sets with none at all.
struct InstabilityCount {
  std::uint64_t unstable_bits = 0, bits = 0;
  std::uint64_t stable_patterns = 0, patterns = 0;
  std::uint64_t retrieved_sets = 0, sets = 0;
};
InstabilityCount random_instability(std::size_t N, std::size_t K, const Separation& F,
                                    std::size_t sets, std::uint64_t seed,
                                    std::size_t threads = 1);

}  // namespace damlab
