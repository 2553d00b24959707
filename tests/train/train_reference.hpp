// The Krotov–Hopfield (2016) classifier written out literally in double
// precision, independently of core/src/train: the full visible state of each
// label update is built and every argument is a plain dot product over all
// N + C neurons (Eq. 9); the loss is Eq. 14; gradients are central finite
// differences of that loss.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "damlab/data/rng.hpp"
#include "damlab/train/trained_memories.hpp"

namespace train_reference {

struct Problem {
  damlab::TrainedMemories memories;
  std::vector<float> images;  // count × pixels
  std::vector<std::uint8_t> labels;
};

// β F(x) straight from the definition.
inline double beta_F(const damlab::TrainingF& f, double T, double x) {
  if (f.kind == damlab::TrainingF::Kind::exp) return std::exp(x / T);
  return x > 0 ? std::pow(x, f.degree) / std::pow(T, f.degree) : 0.0;
}

// c_αA for every image (count × C), weights given as doubles.
inline std::vector<double> scores(const damlab::TrainedMemories& m, const std::vector<double>& w,
                                  const std::vector<float>& images) {
  const std::size_t N = m.pixels, C = m.classes, W = N + C;
  const std::size_t count = images.size() / N;
  std::vector<double> out(count * C);
  std::vector<double> on(W), off(W);
  for (std::size_t a = 0; a < count; ++a)
    for (std::size_t alpha = 0; alpha < C; ++alpha) {
      for (std::size_t i = 0; i < N; ++i) on[i] = off[i] = images[a * N + i];
      for (std::size_t g = 0; g < C; ++g) on[N + g] = off[N + g] = -1;
      on[N + alpha] = +1;
      double sum = 0;
      for (std::size_t mu = 0; mu < m.memories; ++mu) {
        double x_on = 0, x_off = 0;
        for (std::size_t I = 0; I < W; ++I) {
          x_on += w[mu * W + I] * on[I];
          x_off += w[mu * W + I] * off[I];
        }
        sum += beta_F(m.f, m.temperature, x_on) - beta_F(m.f, m.temperature, x_off);
      }
      out[a * C + alpha] = std::tanh(sum);
    }
  return out;
}

inline double loss(const damlab::TrainedMemories& m, const std::vector<double>& w,
                   const Problem& p, unsigned loss_power) {
  const auto c = scores(m, w, p.images);
  double total = 0;
  for (std::size_t a = 0; a < p.labels.size(); ++a)
    for (std::size_t alpha = 0; alpha < m.classes; ++alpha) {
      const double t = alpha == p.labels[a] ? 1.0 : -1.0;
      total += std::pow(t - c[a * m.classes + alpha], 2.0 * loss_power);
    }
  return total;
}

inline std::vector<double> weights(const damlab::TrainedMemories& m) {
  return std::vector<double>(m.weights.begin(), m.weights.end());
}

// ∂L/∂ξ by central differences with step h.
inline std::vector<double> finite_difference_gradient(const Problem& p, unsigned loss_power,
                                                      double h = 1e-6) {
  auto w = weights(p.memories);
  std::vector<double> gradient(w.size());
  for (std::size_t k = 0; k < w.size(); ++k) {
    const double saved = w[k];
    w[k] = saved + h;
    const double up = loss(p.memories, w, p, loss_power);
    w[k] = saved - h;
    const double down = loss(p.memories, w, p, loss_power);
    w[k] = saved;
    gradient[k] = (up - down) / (2 * h);
  }
  return gradient;
}

// A random problem: weights uniform in [-1, 1], pixels uniform in [-1, 1].
inline Problem random_problem(std::uint64_t seed, std::size_t K, std::size_t N, std::size_t C,
                              std::size_t count, damlab::TrainingF f, double T) {
  damlab::Rng rng(seed);
  Problem p;
  p.memories.memories = K;
  p.memories.pixels = N;
  p.memories.classes = C;
  p.memories.f = f;
  p.memories.temperature = T;
  for (std::size_t k = 0; k < K * (N + C); ++k)
    p.memories.weights.push_back(static_cast<float>(2 * rng.uniform() - 1));
  for (std::size_t k = 0; k < count * N; ++k)
    p.images.push_back(static_cast<float>(2 * rng.uniform() - 1));
  for (std::size_t a = 0; a < count; ++a) p.labels.push_back(static_cast<std::uint8_t>(rng.below(C)));
  return p;
}

}  // namespace train_reference
