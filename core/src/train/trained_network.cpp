#include "damlab/train/trained_network.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "damlab/kernels/cpu.hpp"
#include "damlab/train/tempered_f.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"

// The 128-byte vectors never cross a call boundary (all inlined).
#pragma GCC diagnostic ignored "-Wpsabi"

namespace damlab {

namespace {

constexpr std::size_t lanes = tempered_lanes;

std::size_t padded(std::size_t K) { return (K + lanes - 1) / lanes * lanes; }

// The field of a neuron of value sigma: Σ_μ β F(h_μ - ξ_μ σ + ξ_μ) -
// β F(h_μ - ξ_μ σ - ξ_μ). One of the two arguments is h_μ itself (the state
// as it is), so with f_h = β F(h): σ = +1 gives Σ f_h - β F(h - 2ξ), σ = -1
// gives Σ β F(h + 2ξ) - f_h, added over μ in order. xi, h and f_h hold Kp
// values, 0 and β F(0) past K (those lanes add F(0) - F(0) = 0).
[[gnu::always_inline]] inline double neuron_field(const double* xi, const double* h,
                                                  const double* f_h, std::size_t Kp,
                                                  int sigma, const TemperedF& F) {
  double field = 0;
  Lanes16 x, overlap, kept, f_moved, unused;
  const double step = -2.0 * sigma;  // the neuron flipped: h + 2ξ(-σ)
  for (std::size_t mu0 = 0; mu0 < Kp; mu0 += lanes) {
    std::memcpy(&x, xi + mu0, sizeof x);
    std::memcpy(&overlap, h + mu0, sizeof overlap);
    std::memcpy(&kept, f_h + mu0, sizeof kept);
    F.evaluate(overlap + step * x, f_moved, unused);
    const Lanes16 difference = sigma > 0 ? kept - f_moved : f_moved - kept;
    for (std::size_t a = 0; a < lanes; ++a) field += difference[a];
  }
  return field;
}

// The same loop compiled for each vector level (same doubles on each).
double neuron_field_baseline(const double* xi, const double* h, const double* f_h,
                             std::size_t Kp, int sigma, const TemperedF& F) {
  return neuron_field(xi, h, f_h, Kp, sigma, F);
}
#ifdef DAMLAB_X86_SIMD
__attribute__((target("avx2"))) double neuron_field_avx2(const double* xi, const double* h,
                                                         const double* f_h, std::size_t Kp,
                                                         int sigma, const TemperedF& F) {
  return neuron_field(xi, h, f_h, Kp, sigma, F);
}
__attribute__((target("avx512f"))) double neuron_field_avx512(const double* xi, const double* h,
                                                             const double* f_h, std::size_t Kp,
                                                             int sigma, const TemperedF& F) {
  return neuron_field(xi, h, f_h, Kp, sigma, F);
}
#endif

auto neuron_field_for_cpu() {
#ifdef DAMLAB_X86_SIMD
  if (cpu_runs(SimdLevel::avx512f)) return &neuron_field_avx512;
  if (cpu_runs(SimdLevel::avx2)) return &neuron_field_avx2;
#endif
  return &neuron_field_baseline;
}

}  // namespace

TrainedNetwork::TrainedNetwork(TrainedMemories memories) : memories_(std::move(memories)) {
  memories_.validate();
  const TemperedF F(memories_.f, memories_.temperature);
  Lanes16 value, derivative;
  F.evaluate(Lanes16{} + static_cast<double>(memories_.width()), value, derivative);
  require(std::isfinite(value[0]) && std::isfinite(value[0] * static_cast<double>(memories_.memories)),
          "temperature", memories_.temperature,
          "high enough that beta F(pixels + classes) summed over the memories is finite");
  const std::size_t K = memories_.memories, W = memories_.width();
  const std::size_t Kp = padded(K);
  by_neuron_.assign(W * Kp, 0.0);
  for (std::size_t mu = 0; mu < K; ++mu)
    for (std::size_t i = 0; i < W; ++i) by_neuron_[i * Kp + mu] = memories_.weights[mu * W + i];
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
  const std::size_t K = memories_.memories, Kp = padded(K), W = neurons();
  const TemperedF F(memories_.f, memories_.temperature);
  auto h = overlaps(states, p);  // Σ_j ξ^μ_j σ_j over all j
  h.resize(Kp, 0.0);
  std::vector<double> f_h(Kp);
  Lanes16 overlap, value, unused;
  for (std::size_t mu0 = 0; mu0 < Kp; mu0 += lanes) {
    std::memcpy(&overlap, h.data() + mu0, sizeof overlap);
    F.evaluate(overlap, value, unused);
    std::memcpy(f_h.data() + mu0, &value, sizeof value);
  }
  const auto field_of = neuron_field_for_cpu();
  for (std::size_t i = 0; i < W; ++i) {
    const int sigma = states.sign(p, i);
    next[i] = sigma;
    if (!clamped.empty() && clamped[i]) continue;
    const double field =
        field_of(by_neuron_.data() + i * Kp, h.data(), f_h.data(), Kp, sigma, F);
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
