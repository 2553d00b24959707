#include "damlab/train/trained_network.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "damlab/train/tempered_f.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

namespace {
constexpr std::size_t lanes = 16;
}  // namespace

TrainedNetwork::TrainedNetwork(TrainedMemories memories) : memories_(std::move(memories)) {
  memories_.validate();
  const TemperedF F(memories_.f, memories_.temperature);
  double x[lanes], value[lanes], derivative[lanes];
  std::fill(x, x + lanes, static_cast<double>(memories_.width()));
  F.evaluate<lanes>(x, value, derivative);
  require(std::isfinite(value[0]) && std::isfinite(value[0] * static_cast<double>(memories_.memories)),
          "temperature", memories_.temperature,
          "high enough that beta F(pixels + classes) summed over the memories is finite");
  const std::size_t K = memories_.memories, W = memories_.width();
  by_neuron_.resize(W * K);
  for (std::size_t mu = 0; mu < K; ++mu)
    for (std::size_t i = 0; i < W; ++i) by_neuron_[i * K + mu] = memories_.weights[mu * W + i];
}

void TrainedNetwork::check_states(const PatternSet& states) const {
  require(states.N() == neurons(), "states.N", states.N(),
          "pixels + classes = " + std::to_string(neurons()));
}

std::vector<double> TrainedNetwork::overlaps(const PatternSet& states, std::size_t p) const {
  check_states(states);
  require(p < states.size(), "p", p, "below the number of states");
  const std::size_t K = memories_.memories, W = neurons();
  std::vector<double> out(K, 0.0);
  for (std::size_t mu = 0; mu < K; ++mu) {
    double sum = 0;
    for (std::size_t i = 0; i < W; ++i)
      sum += static_cast<double>(memories_.weights[mu * W + i]) * states.sign(p, i);
    out[mu] = sum;
  }
  return out;
}

double TrainedNetwork::convergence(const PatternSet& states, std::size_t p) const {
  double best = 0;
  for (double overlap : overlaps(states, p)) best = std::max(best, std::fabs(overlap));
  return best;
}

void TrainedNetwork::update_one(const PatternSet& states, std::size_t p,
                                std::span<const std::uint8_t> clamped,
                                std::vector<int>& next) const {
  const std::size_t K = memories_.memories, W = neurons();
  const TemperedF F(memories_.f, memories_.temperature);
  const auto h = overlaps(states, p);  // Σ_j ξ^μ_j σ_j over all j
  std::vector<double> base(K + lanes);
  double plus[lanes], minus[lanes], f_plus[lanes], f_minus[lanes], unused[lanes];
  for (std::size_t i = 0; i < W; ++i) {
    const int sigma = states.sign(p, i);
    next[i] = sigma;
    if (!clamped.empty() && clamped[i]) continue;
    const double* xi = by_neuron_.data() + i * K;
    double field = 0;
    for (std::size_t mu0 = 0; mu0 < K; mu0 += lanes) {
      const std::size_t valid = std::min(lanes, K - mu0);
      for (std::size_t a = 0; a < lanes; ++a) {
        // h without neuron i, then with it at +1 and at -1.
        const double x = a < valid ? xi[mu0 + a] : 0.0;
        const double rest = a < valid ? h[mu0 + a] - x * sigma : 0.0;
        plus[a] = rest + x;
        minus[a] = rest - x;
      }
      F.evaluate<lanes>(plus, f_plus, unused);
      F.evaluate<lanes>(minus, f_minus, unused);
      for (std::size_t a = 0; a < valid; ++a) field += f_plus[a] - f_minus[a];
    }
    if (field > 0) next[i] = 1;
    if (field < 0) next[i] = -1;
  }
}

std::size_t TrainedNetwork::synchronous_update(PatternSet& states,
                                               std::span<const std::uint8_t> clamped,
                                               std::size_t threads) const {
  check_states(states);
  require(clamped.empty() || clamped.size() == neurons(), "clamped", clamped.size(),
          "empty or pixels + classes flags");
  const std::size_t W = neurons();
  std::vector<std::vector<int>> next(states.size(), std::vector<int>(W));
  parallel_for(states.size(), threads,
               [&](std::size_t p) { update_one(states, p, clamped, next[p]); });
  std::size_t flipped = 0;
  for (std::size_t p = 0; p < states.size(); ++p)
    for (std::size_t i = 0; i < W; ++i)
      if (next[p][i] != states.sign(p, i)) {
        states.set_sign(p, i, next[p][i]);
        ++flipped;
      }
  return flipped;
}

}  // namespace damlab
