// The project's one random number generator: xoshiro256** seeded through
// splitmix64, with its own integer-range, uniform and Bernoulli sampling.
// std::*_distribution is never used: libstdc++ and libc++ produce different
// streams, and native and WebAssembly runs of one seed must agree bit for bit.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace damlab {

class Rng {
 public:
  explicit Rng(std::uint64_t seed);
  // A generator at an explicit xoshiro256** state (not all zero).
  static Rng from_state(const std::array<std::uint64_t, 4>& state);

  // Next raw 64-bit output of xoshiro256**.
  std::uint64_t next();
  // Uniform integer in [0, bound), bound >= 1, by rejection (no modulo bias).
  std::uint64_t below(std::uint64_t bound);
  // Uniform double in [0, 1) with 53 random bits.
  double uniform();
  // A standard normal draw (Marsaglia's polar method with the portable log
  // of util/portable_math.hpp, so every build gives the same doubles); the
  // pair's second value is kept for the next call.
  double normal();
  // True with probability p, p in [0, 1].
  bool bernoulli(double p);
  // A uniformly random permutation of 0..count-1 (Fisher-Yates, from the end).
  std::vector<std::uint32_t> permutation(std::uint32_t count);

 private:
  std::uint64_t state_[4];
  double spare_normal_ = 0;
  bool has_spare_normal_ = false;
};

// splitmix64 step: used to expand a seed into the xoshiro state.
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace damlab
