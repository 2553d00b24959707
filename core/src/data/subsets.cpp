#include "damlab/data/subsets.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "damlab/util/error.hpp"
#include "damlab/data/rng.hpp"

namespace damlab {

namespace {

// The pool indices whose label is in classes (all of them when classes is
// empty), after checking that labels fit the pool and each class occurs.
std::vector<std::uint32_t> eligible_indices(std::size_t pool_size,
                                            std::span<const std::uint8_t> labels,
                                            std::span<const std::uint8_t> classes) {
  require(pool_size <= 0xFFFFFFFFu, "pool size", pool_size, "at most 2^32 - 1");
  require(labels.empty() || labels.size() == pool_size, "labels.length",
          labels.size(), "0 or the pool size " + std::to_string(pool_size));
  std::vector<std::uint32_t> out;
  if (classes.empty()) {
    out.resize(pool_size);
    for (std::size_t i = 0; i < pool_size; ++i) out[i] = static_cast<std::uint32_t>(i);
    return out;
  }
  require(!labels.empty(), "classes", std::to_string(classes.size()) + " given",
          "empty when the pool has no labels");
  bool present[256] = {};
  for (const auto label : labels) present[label] = true;
  std::string present_text;
  for (int label = 0; label < 256; ++label)
    if (present[label]) {
      if (!present_text.empty()) present_text += ' ';
      present_text += std::to_string(label);
    }
  bool wanted[256] = {};
  for (std::size_t k = 0; k < classes.size(); ++k) {
    require(present[classes[k]], "classes[" + std::to_string(k) + "]",
            int{classes[k]}, "a label of the pool (" + present_text + ")");
    wanted[classes[k]] = true;
  }
  for (std::size_t i = 0; i < pool_size; ++i)
    if (wanted[labels[i]]) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

void require_size(std::size_t size, std::size_t available, std::size_t minimum) {
  require(size >= minimum && size <= available, "size", size,
          "in [" + std::to_string(minimum) + ", " + std::to_string(available) +
              "] (the patterns of the chosen classes)");
}

}  // namespace

GreedySubset greedy_subset(const PatternSet& pool,
                           std::span<const std::uint8_t> labels,
                           const GreedySubsetOptions& options,
                           const Progress& progress) {
  const double N = static_cast<double>(pool.N());
  require(options.target_hd >= 0 && options.target_hd <= N, "target_hd",
          options.target_hd, "in [0, N] = [0, " + std::to_string(pool.N()) + "]");
  require(options.band >= 0 && std::isfinite(options.band), "band", options.band,
          "finite and >= 0");
  require(options.max_candidates >= 1, "max_candidates", options.max_candidates,
          "at least 1");
  require(options.max_attempts >= 1, "max_attempts", options.max_attempts,
          "at least 1");
  const std::vector<std::uint32_t> eligible =
      eligible_indices(pool.size(), labels, options.classes);
  require_size(options.size, eligible.size(), 2);

  const double target = options.target_hd;
  Rng rng(options.seed);
  GreedySubset out;
  // sum[c] = HD sum of pool pattern c to the first known[c] chosen patterns:
  // a candidate drawn again in a later slot only adds the new members, so the
  // HDs one attempt computes are at most pool size x subset size.
  std::vector<std::uint64_t> sum(pool.size());
  std::vector<std::uint32_t> known(pool.size());
  std::vector<std::uint32_t> free;
  auto distance_to_chosen = [&](std::uint32_t c) {
    while (known[c] < out.indices.size())
      sum[c] += hamming(pool.row(c), pool.row(out.indices[known[c]++]));
    return sum[c];
  };
  // Drawing from the not-yet-chosen list (removal by swapping with the last)
  // keeps every pattern out of later slots without rejection loops.
  auto take = [&](std::size_t position) {
    out.distance.distance_sum += distance_to_chosen(free[position]);
    out.distance.pairs += out.indices.size();
    out.indices.push_back(free[position]);
    free[position] = free.back();
    free.pop_back();
  };

  const bool strict = options.rule == SubsetRule::strict;
  for (out.attempts = 1;; ++out.attempts) {
    const bool last = strict || out.attempts == options.max_attempts;
    free = eligible;
    std::fill(sum.begin(), sum.end(), 0);
    std::fill(known.begin(), known.end(), 0);
    out.indices.clear();
    out.distance = {};
    out.capped.clear();

    take(static_cast<std::size_t>(rng.below(free.size())));
    ++out.candidates;
    bool complete = true;
    while (out.indices.size() < options.size) {
      report(progress, static_cast<double>(out.attempts - 1) / options.max_attempts);
      const double pairs_after =
          static_cast<double>(out.distance.pairs + out.indices.size());
      // With one pattern there is no mean to move toward: the band rule asks
      // for a pair within the band; the strict rule takes the mean of no
      // pairs as 0, from which the paper's mean "increases or maintains".
      const double gap_now =
          out.distance.pairs == 0 ? (strict ? target : 0) : std::abs(out.distance.mean() - target);
      const double limit = strict ? gap_now : std::max(options.band, gap_now);
      std::size_t best = 0;
      double best_gap = std::numeric_limits<double>::infinity();
      bool accepted = false;
      for (std::size_t tries = 0; tries < options.max_candidates; ++tries) {
        const auto position = static_cast<std::size_t>(rng.below(free.size()));
        ++out.candidates;
        const double sum_after = static_cast<double>(
            out.distance.distance_sum + distance_to_chosen(free[position]));
        const double gap = std::abs(sum_after / pairs_after - target);
        if (gap <= limit) {
          best = position;
          accepted = true;
          break;
        }
        if (gap < best_gap) {
          best_gap = gap;
          best = position;
        }
      }
      if (!accepted) {
        // A stuck slot means the subset grew in a region the target cannot
        // be reached from: start again, unless this is the last attempt.
        if (!last) {
          complete = false;
          break;
        }
        out.capped.push_back(static_cast<std::uint32_t>(out.indices.size()));
      }
      take(best);
    }
    if (complete) return out;
  }
}

std::vector<std::uint32_t> subset_by_class(std::span<const std::uint8_t> labels,
                                           std::span<const std::uint8_t> classes,
                                           std::size_t size, std::uint64_t seed) {
  std::vector<std::uint32_t> pool = eligible_indices(labels.size(), labels, classes);
  require_size(size, pool.size(), 1);
  // Partial Fisher-Yates from the front: position k gets a uniform pick of
  // the indices not yet drawn.
  Rng rng(seed);
  for (std::size_t k = 0; k < size; ++k)
    std::swap(pool[k], pool[k + static_cast<std::size_t>(rng.below(pool.size() - k))]);
  pool.resize(size);
  return pool;
}

PatternSet select_patterns(const PatternSet& pool,
                           std::span<const std::uint32_t> indices) {
  PatternSet out(pool.N(), 0);
  for (std::size_t k = 0; k < indices.size(); ++k) {
    require(indices[k] < pool.size(), "indices[" + std::to_string(k) + "]",
            indices[k], "below the pool size " + std::to_string(pool.size()));
    out.append_row(pool, indices[k]);
  }
  return out;
}

}  // namespace damlab
