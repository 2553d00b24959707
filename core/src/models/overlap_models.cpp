#include "damlab/models/overlap_models.hpp"

#include <algorithm>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {
__extension__ using Int128 = __int128;  // GCC and Clang, native and wasm
}  // namespace

ProjectionModel::ProjectionModel(PatternSet memories, int power)
    : Model(std::move(memories)), power_(power) {
  require(power == 1 || power == 3, "power", power, "1 or 3");
}

int ProjectionModel::decide(const Work& work, std::size_t i) const {
  // Exact integers: |m|^3 K <= N^3 K fits 128 bits for every allowed N and K.
  Int128 sum = 0;
  for (std::size_t mu = 0; mu < memories().size(); ++mu) {
    const Int128 m = work.overlaps[mu];
    const Int128 g = power_ == 1 ? m : m * m * m;
    sum += memories().bit(mu, i) ? g : -g;
  }
  return sum > 0 ? 1 : (sum < 0 ? -1 : work.sigma[i]);
}

int NearestModel::decide(const Work& work, std::size_t i) const {
  const auto& m = work.overlaps;
  const std::size_t best = static_cast<std::size_t>(std::max_element(m.begin(), m.end()) - m.begin());
  return memories().sign(best, i);
}

LsrModel::LsrModel(PatternSet memories, double beta) : Model(std::move(memories)), beta_(beta) {
  require(beta > 0, "model.beta", beta, "above 0");
}

int LsrModel::decide(const Work& work, std::size_t i) const {
  const double N = static_cast<double>(this->N());
  const auto k = [&](std::int32_t m) { return std::max(0.0, N - beta_ * (N - m)); };
  const int sigma = work.sigma[i];
  // Summed in memory order so every build adds the same doubles the same way.
  // k is 0 for m <= N(1 - 1/β); a memory whose overlap stays there with bit
  // i either way adds 0 to both sums, so its bits need not be read.
  const double edge = N * (1 - 1 / beta_);
  double plus = 0, minus = 0;
  for (std::size_t mu = 0; mu < memories().size(); ++mu) {
    if (work.overlaps[mu] + 3 <= edge) continue;  // one unit of margin for rounding
    const int xi = memories().sign(mu, i);
    const std::int32_t rest = work.overlaps[mu] - xi * sigma;  // without bit i
    plus += k(rest + xi);
    minus += k(rest - xi);
  }
  return plus > minus ? 1 : (plus < minus ? -1 : sigma);
}

}  // namespace damlab
