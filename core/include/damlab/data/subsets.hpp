// Subsets of a labelled pool of patterns (e.g. 10,000 MNIST digits): the
// paper's greedy hill-climbing subsets with a target mean pairwise Hamming
// distance, and plain random subsets of chosen classes. Both draw from
// damlab::Rng only, so a seed gives the same subset natively and in the
// browser. The rules are in docs/science.md ("Data").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// How greedy_subset accepts a candidate (docs/science.md, "Greedy subsets").
//   band:   the mean may move toward the target, keep its distance, or lie
//           within ±band of it; a stuck slot restarts the subset.
//   strict: the mean must move toward the target or keep its distance (the
//           paper's "increases or maintains"); a stuck slot takes its best
//           candidate at once, no restarts.
enum class SubsetRule { band, strict };

struct GreedySubsetOptions {
  std::size_t size = 50;              // patterns to choose, >= 2
  double target_hd = 0;               // mean pairwise HD to approach, in [0, N]
  SubsetRule rule = SubsetRule::band;
  double band = 1;                    // band rule: a mean within ±band is on target
  std::size_t max_candidates = 1000;  // draws per slot before it counts as stuck
  std::size_t max_attempts = 100;     // subsets started before a stuck slot is accepted
  std::vector<std::uint8_t> classes;  // labels allowed; empty: every pattern
  std::uint64_t seed = 1;
};

struct GreedySubset {
  std::vector<std::uint32_t> indices;  // pool indices, in the order chosen
  PairwiseDistance distance;           // of the chosen patterns (exact sum, pairs)
  std::uint64_t candidates = 0;        // draws in total, over all attempts
  std::size_t attempts = 0;            // subsets started, the returned one included
  std::vector<std::uint32_t> capped;   // positions in indices whose slot hit the cap
                                       // (only when every attempt got stuck)
};

// Greedy hill climbing: the first pattern is drawn at random; then, slot by
// slot, random candidates (never one already chosen) are drawn and the first
// whose addition leaves the mean within the slot's limit of the target is
// taken. Band rule: the limit is max(band, current distance to the target);
// for the second pattern, when there is no mean yet, the pair's HD must be
// within the band. A slot with no such candidate in max_candidates draws is
// stuck: the subset is dropped and a new one started from a new first
// pattern, continuing the same random stream. In the last attempt a stuck
// slot takes the candidate that came closest and is recorded in capped.
// Strict rule: the limit is the current distance to the target, a one-pattern
// subset's mean counting as 0 (no pairs: the second pattern's HD must be at
// most 2 × target_hd); every attempt is the last, so a stuck slot is capped at
// once (attempts is 1) and max_attempts and band are not used.
// labels (one per pool pattern) are needed only when classes is not empty.
// progress (util/progress.hpp) is polled once per slot (at most
// max_candidates × size distances); a cancellation throws Cancelled.
GreedySubset greedy_subset(const PatternSet& pool,
                           std::span<const std::uint8_t> labels,
                           const GreedySubsetOptions& options,
                           const Progress& progress = {});

// size distinct pool indices whose label is in classes (every index when
// classes is empty), uniformly at random, in the order drawn.
std::vector<std::uint32_t> subset_by_class(std::span<const std::uint8_t> labels,
                                           std::span<const std::uint8_t> classes,
                                           std::size_t size, std::uint64_t seed);

// The patterns at indices, in that order.
PatternSet select_patterns(const PatternSet& pool,
                           std::span<const std::uint32_t> indices);

}  // namespace damlab
