#include "damlab/measures/random_instability.hpp"

#include <algorithm>
#include <bit>
#include <string>

#include "damlab/dam/capacity.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

std::vector<std::size_t> random_kmax(std::size_t N, std::size_t S, const Separation& F,
                                     std::size_t sets, std::uint64_t seed, std::size_t threads) {
  require(S >= 1, "S", S, "at least 1");
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < sets; ++r)
    out.push_back(retrieval_profile(rademacher(N, S, 0.5, seed + r), F, true, {}, threads).kmax());
  return out;
}

bool holds_close_pair(const PatternSet& set, std::size_t K) {
  require(K <= set.size(), "K", K, "at most the " + std::to_string(set.size()) + " patterns");
  for (std::size_t a = 1; a < K; ++a)
    for (std::size_t b = 0; b < a; ++b) {
      const auto x = set.row(a), y = set.row(b);
      std::size_t d = 0;
      for (std::size_t w = 0; w < x.size() && d <= 1; ++w) d += std::popcount(x[w] ^ y[w]);
      if (d == 1) return true;
    }
  return false;
}

InstabilityCount random_instability(std::size_t N, std::size_t K, const Separation& F,
                                    std::size_t sets, std::uint64_t seed, std::size_t threads) {
  require(K >= 1, "K", K, "at least 1");
  InstabilityCount out;
  for (std::size_t r = 0; r < sets; ++r) {
    const PatternSet memories = rademacher(N, K, 0.5, seed + r);
    PatternSet states = memories;
    const std::size_t flipped = Network(memories, F).synchronous_update(states, {}, threads);
    out.unstable_bits += flipped;
    out.bits += static_cast<std::uint64_t>(N) * K;
    for (std::size_t p = 0; p < K; ++p) {
      const auto a = states.row(p), b = memories.row(p);
      out.stable_patterns += std::equal(a.begin(), a.end(), b.begin());
    }
    out.patterns += K;
    out.retrieved_sets += flipped == 0;
    ++out.sets;
  }
  return out;
}

}  // namespace damlab
