#include "damlab/data/rng.hpp"

#include "damlab/util/error.hpp"
#include "damlab/util/portable_math.hpp"

#include <cmath>

namespace damlab {

namespace {
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

Rng::Rng(std::uint64_t seed) {
  std::uint64_t s = seed;
  for (auto& word : state_) word = splitmix64(s);
}

Rng Rng::from_state(const std::array<std::uint64_t, 4>& state) {
  require(state[0] | state[1] | state[2] | state[3], "state", "all zero",
          "not all zero");
  Rng rng(0);
  for (int k = 0; k < 4; ++k) rng.state_[k] = state[k];
  return rng;
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t bound) {
  require(bound >= 1, "bound", bound, "at least 1");
  // Accept only draws below the largest multiple of bound, so every residue
  // is equally likely.
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  for (;;) {
    const std::uint64_t x = next();
    if (x >= threshold) return x % bound;
  }
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  for (;;) {
    const double u = 2 * uniform() - 1, v = 2 * uniform() - 1;
    const double s = u * u + v * v;
    if (s >= 1 || s == 0) continue;
    const double scale = std::sqrt(-2 * portable_log(s) / s);
    spare_normal_ = v * scale;
    has_spare_normal_ = true;
    return u * scale;
  }
}

bool Rng::bernoulli(double p) {
  require(p >= 0.0 && p <= 1.0, "p", p, "in [0, 1]");
  return uniform() < p;
}

std::vector<std::uint32_t> Rng::permutation(std::uint32_t count) {
  std::vector<std::uint32_t> order(count);
  for (std::uint32_t i = 0; i < count; ++i) order[i] = i;
  for (std::uint32_t i = count; i > 1; --i) {
    const auto j = static_cast<std::uint32_t>(below(i));
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

}  // namespace damlab
