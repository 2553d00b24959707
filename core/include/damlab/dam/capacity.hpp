// Capacity of an ordered pattern set (docs/science.md, "Capacity of a
// pattern sequence"). Storing the first K patterns, the set of K is retrieved when
// every one of them is a fixed point of the update rule (ties keep the bit).
// Kmax is the largest K <= S such that the first K are retrieved.
//   exact mode:  one pass over the memories with running per-pattern margins
//                gives retrieval for every K (the profile); Kmax is the K
//                before the first failure. O(S^2 N).
//   binary mode: the paper's binary search over K, assuming retrieval is
//                monotone in K; reports how many K it evaluated.
// The two differ exactly when the profile is not monotone.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/util/progress.hpp"
#include "damlab/dam/separation.hpp"

namespace damlab {

// The work budget of one computation: 2^40 operations (a margin update, a
// 64-bit Hamming-distance word) is about 15 minutes of one core. The
// experiment budget (experiment/budget.hpp) refuses sizes past it up front.
inline constexpr std::uint64_t max_work = std::uint64_t{1} << 40;
// A margin within rounding of 0 (a tie, the norm for tiny N) is settled by an
// exact big-integer sum over the K memories; each of its terms counts as this
// many operations. Measured (one thread, Release, x86-64): a term costs 16 to
// 140 ns (N = 1 to 16; rectpoly 3, poly 60, exp with beta 100; N = 1, S =
// 11000 sums 2.39e9 terms in 43 s), a margin update about 0.12 ns (N = 784,
// S = 4000: 1.25e10 updates in 1.45 s): a term weighs 130 to 1200 updates.
// The scans below count these terms as they happen and throw
// InvalidArgument ("S") once S^2 x N plus their work passes max_work, as ties
// cannot be foreseen from the sizes; a scan over the patterns in order
// advises the largest S whose ties it has seen fit.
inline constexpr std::uint64_t exact_term_work = 512;

// retrieved[K - 1] says whether the first K patterns are retrieved, K = 1..S.
struct RetrievalProfile {
  std::vector<std::uint8_t> retrieved;
  // The K before the first failure (S when none fails).
  std::size_t kmax() const;
  // Whether every failure is followed only by failures.
  bool monotone() const;
};

// Exact mode. With stop_at_first_failure the profile ends at the first
// failing K (cost O(Kmax^2 N)); otherwise it covers every K.
// threads > 1 splits the patterns between threads (same profile; builds
// without threads use one).
RetrievalProfile retrieval_profile(const PatternSet& set, const Separation& F,
                                   bool stop_at_first_failure = false,
                                   const Progress& progress = {}, std::size_t threads = 1);

// Whether the first K patterns of set, stored as memories, are all fixed points.
bool first_k_retrieved(const PatternSet& set, std::size_t K,
                       const Separation& F);

struct BinarySearchResult {
  std::size_t kmax = 0;
  std::size_t evaluations = 0;  // how many K were evaluated
};
BinarySearchResult binary_search_capacity(const PatternSet& set,
                                          const Separation& F,
                                          const Progress& progress = {});

// The same binary search read off a computed profile: it evaluates exactly the
// K values binary_search_capacity would, with the same answers, at no cost.
BinarySearchResult binary_search_capacity(const RetrievalProfile& profile);

struct CapacityEstimate {
  std::size_t kmax = 0;
  bool censored = false;             // kmax == S: the true capacity is >= S
  PairwiseDistance pairwise_hd;      // pairwise HD of the first kmax patterns
};
// kmax of the first patterns of set, with its censoring and pairwise HD.
CapacityEstimate capacity_estimate(const PatternSet& set, std::size_t kmax);

struct BinarySearchEstimate : CapacityEstimate {
  std::size_t evaluations = 0;  // how many K the binary search evaluated
};

// The capacity of one set under one model. Every model reports the exact
// mode's Kmax; the DAM's full analysis (capacity() below) also fills the
// binary search and the profile of every K, and a scan that stops at the
// first failure (measures/model_capacity.hpp) says how many K it checked.
struct CapacityResult {
  std::size_t N = 0, S = 0;
  CapacityEstimate exact;
  std::optional<BinarySearchEstimate> binary;
  std::optional<RetrievalProfile> profile;  // every K
  std::optional<std::size_t> evaluated;     // K values checked (Kmax + 1, or S)
};

// Both modes on one set (S >= 1).
CapacityResult capacity(const PatternSet& set, const Separation& F,
                        const Progress& progress = {}, std::size_t threads = 1);

}  // namespace damlab
