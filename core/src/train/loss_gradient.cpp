#include "damlab/train/loss_gradient.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "damlab/kernels/cpu.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/train/tempered_f.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"
#include "damlab/util/portable_math.hpp"

namespace damlab {

namespace {

constexpr std::size_t memory_tile = 16;
constexpr std::size_t lanes = 16;

double power(double x, unsigned e) {
  double result = 1;
  for (; e != 0; e >>= 1) {
    if (e & 1) result *= x;
    x *= x;
  }
  return result;
}

// g_μA (into g, K × B doubles) and the label gradient of memory mu.
// e is C × Bp (Bp = B rounded up to lanes, zero beyond B).
[[gnu::always_inline]] inline void memory_terms(const TrainedMemories& m,
                                                const ForwardPass& pass, const TemperedF& F,
                                                const std::vector<double>& e, std::size_t Bp,
                                                std::size_t mu, std::vector<double>& g,
                                                std::span<double> label_gradient) {
  const std::size_t N = m.pixels, C = m.classes, B = pass.count;
  const float* labels = m.weights.data() + mu * m.width() + N;
  std::vector<double> on_terms(C * lanes);
  double off[lanes], unused[lanes], d_off[lanes], on[lanes], d_on[lanes], g_block[lanes];
  std::fill(label_gradient.begin(), label_gradient.end(), 0.0);
  for (std::size_t a0 = 0; a0 < B; a0 += lanes) {
    const std::size_t valid = std::min(lanes, B - a0);
    const float* h = pass.h.data() + mu * B + a0;
    for (std::size_t a = 0; a < lanes; ++a) {
      off[a] = (a < valid ? static_cast<double>(h[a]) : 0.0) - pass.label_sums[mu];
      g_block[a] = 0;
    }
    F.evaluate<lanes>(off, unused, d_off);
    for (std::size_t alpha = 0; alpha < C; ++alpha) {
      const double shift = 2.0 * static_cast<double>(labels[alpha]);
      const double* e_row = e.data() + alpha * Bp + a0;
      for (std::size_t a = 0; a < lanes; ++a) on[a] = off[a] + shift;
      F.evaluate<lanes>(on, unused, d_on);
      double* terms = on_terms.data() + alpha * lanes;
      for (std::size_t a = 0; a < lanes; ++a) {
        g_block[a] += e_row[a] * (d_on[a] - d_off[a]);
        terms[a] = 2 * e_row[a] * d_on[a];
      }
    }
    // Sums over the images in order, one image at a time.
    for (std::size_t a = 0; a < valid; ++a) {
      g[mu * B + a0 + a] = g_block[a];
      for (std::size_t gamma = 0; gamma < C; ++gamma)
        label_gradient[gamma] += on_terms[gamma * lanes + a] - g_block[a];
    }
  }
}

// The same loops compiled for each vector level (same doubles on each).
#define DAMLAB_MEMORY_TERMS_ARGS                                                         \
  const TrainedMemories &m, const ForwardPass &pass, const TemperedF &F,                \
      const std::vector<double> &e, std::size_t Bp, std::size_t mu, std::vector<double> &g, \
      std::span<double> label_gradient
void memory_terms_baseline(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g, label_gradient);
}
#ifdef DAMLAB_X86_SIMD
__attribute__((target("avx2"))) void memory_terms_avx2(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g, label_gradient);
}
__attribute__((target("avx512f"))) void memory_terms_avx512(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g, label_gradient);
}
#endif
#undef DAMLAB_MEMORY_TERMS_ARGS

auto memory_terms_for(FloatPath path) {
#ifdef DAMLAB_X86_SIMD
  if (path == FloatPath::simd && cpu_runs(SimdLevel::avx512f)) return &memory_terms_avx512;
  if (path == FloatPath::simd && cpu_runs(SimdLevel::avx2)) return &memory_terms_avx2;
#endif
  (void)path;
  return &memory_terms_baseline;
}

}  // namespace

BatchOutcome loss_gradient(const TrainedMemories& m, const LabelledView& batch,
                           unsigned loss_power, std::span<double> gradient, std::size_t threads,
                           FloatPath path) {
  require(loss_power >= 1 && loss_power <= 100, "loss_power", loss_power, "in [1, 100]");
  require(batch.pixels == m.pixels && batch.classes == m.classes, "batch",
          std::to_string(batch.pixels) + " pixels, " + std::to_string(batch.classes) + " classes",
          "the memories' " + std::to_string(m.pixels) + " pixels and " +
              std::to_string(m.classes) + " classes");
  require(batch.images.size() == batch.count() * batch.pixels, "batch.images",
          batch.images.size(), "labels × pixels");
  const std::size_t K = m.memories, N = m.pixels, C = m.classes, W = m.width();
  require(gradient.empty() || gradient.size() == K * W, "gradient", gradient.size(),
          "empty or memories × (pixels + classes)");
  const ForwardPass pass = forward_pass(m, batch.images, threads, path);
  const std::size_t B = pass.count, Bp = (B + lanes - 1) / lanes * lanes;

  // Loss, errors and e_αA = ∂L/∂field_αA, one image after another.
  BatchOutcome out;
  std::vector<double> e(C * Bp, 0.0);
  const double two_m = 2.0 * loss_power;
  for (std::size_t a = 0; a < B; ++a) {
    const std::span<const double> fields(pass.fields.data() + a * C, C);
    out.wrong += predicted_class(fields) != batch.labels[a];
    for (std::size_t alpha = 0; alpha < C; ++alpha) {
      const double c = portable_tanh(fields[alpha]);
      const double d = (alpha == batch.labels[a] ? 1.0 : -1.0) - c;
      const double d_odd = power(d, 2 * loss_power - 1);
      out.loss += d_odd * d;
      e[alpha * Bp + a] = -two_m * d_odd * ((1 - c) * (1 + c));
    }
  }
  if (gradient.empty()) return out;

  // g_μA and the label gradient, memory by memory.
  const TemperedF F(m.f, m.temperature);
  std::vector<double> g(K * B);
  const auto terms = memory_terms_for(path);
  parallel_for((K + memory_tile - 1) / memory_tile, threads, [&](std::size_t t) {
    for (std::size_t mu = t * memory_tile; mu < std::min(K, (t + 1) * memory_tile); ++mu)
      terms(m, pass, F, e, Bp, mu, g, gradient.subspan(mu * W + N, C));
  });

  // Pixel gradient Σ_A g_μA v_iA as a float product, g scaled by a power of
  // two so its largest value is near 2^64: no overflow or underflow in float
  // whatever the loss power and temperature; the scale is undone exactly.
  double largest = 0;
  for (double v : g) largest = std::max(largest, std::fabs(v));
  require(std::isfinite(largest), "temperature", m.temperature,
          "high enough that the gradient stays finite in a double");
  const int shift = largest > 0 ? 64 - std::ilogb(largest) : 0;
  std::vector<float> scaled(K * B);
  for (std::size_t k = 0; k < g.size(); ++k) scaled[k] = static_cast<float>(std::ldexp(g[k], shift));
  std::vector<float> pixel_gradient(K * N);
  constexpr std::size_t product_tile = 64;
  parallel_for((K + product_tile - 1) / product_tile, threads, [&](std::size_t t) {
    const std::size_t r0 = t * product_tile, r1 = std::min(K, r0 + product_tile);
    multiply_rows({scaled.data(), B}, {batch.images.data(), N}, pixel_gradient.data() + r0 * N,
                  N, r0, r1, B, N, path);
    for (std::size_t mu = r0; mu < r1; ++mu)
      for (std::size_t i = 0; i < N; ++i)
        gradient[mu * W + i] = std::ldexp(static_cast<double>(pixel_gradient[mu * N + i]), -shift);
  });
  return out;
}

}  // namespace damlab
