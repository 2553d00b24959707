// Random small cases for comparing fast paths with the literal reference.
// Memories are skewed Rademacher sets (correlated when p is far from 1/2) and
// states are memories with a few bits flipped, which makes near ties and
// exact ties common.
#pragma once

#include <vector>

#include "damlab/data/rademacher.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/dam/separation.hpp"

namespace cases {

struct Case {
  damlab::Separation F;
  damlab::PatternSet memories;
  damlab::PatternSet state;  // one pattern
};

inline damlab::Separation random_separation(damlab::Rng& rng, int max_degree) {
  switch (rng.below(3)) {
    case 0: return damlab::Separation::poly(1 + static_cast<int>(rng.below(max_degree)));
    case 1: return damlab::Separation::rectpoly(1 + static_cast<int>(rng.below(max_degree)));
    default: return damlab::Separation::exponential(0.05 + 2 * rng.uniform());
  }
}

inline damlab::PatternSet near_copy(const damlab::PatternSet& set, std::size_t p,
                                    std::size_t flips, damlab::Rng& rng) {
  damlab::PatternSet out = set.slice(p, 1);
  for (std::size_t f = 0; f < flips; ++f) out.flip(0, rng.below(set.N()));
  return out;
}

inline Case random_case(damlab::Rng& rng, std::size_t max_N, std::size_t max_K,
                        int max_degree) {
  const std::size_t N = 1 + rng.below(max_N);
  const std::size_t K = 1 + rng.below(max_K);
  const double p = 0.5 + 0.45 * rng.uniform();
  auto memories = damlab::rademacher(N, K, p, rng.next());
  auto state = rng.below(4) == 0 ? damlab::rademacher(N, 1, p, rng.next())
                                 : near_copy(memories, rng.below(K), rng.below(4), rng);
  return {random_separation(rng, max_degree), std::move(memories), std::move(state)};
}

}  // namespace cases
