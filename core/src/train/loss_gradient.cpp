#include "damlab/train/loss_gradient.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "damlab/kernels/cpu.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/train/tempered_f.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"
#include "damlab/util/portable_math.hpp"

// The 128-byte vectors never cross a call boundary (all inlined).
#pragma GCC diagnostic ignored "-Wpsabi"

namespace damlab {

namespace {

constexpr std::size_t lanes = tempered_lanes;

double power(double x, unsigned e) {
  double result = 1;
  for (; e != 0; e >>= 1) {
    if (e & 1) result *= x;
    x *= x;
  }
  return result;
}

// g_μA of memory mu (into g_row, B doubles) and its label gradient.
// e is C × Bp (Bp = B rounded up to lanes, zero beyond B).
[[gnu::always_inline]] inline void memory_terms(const TrainedMemories& m,
                                                const ForwardPass& pass, const TemperedF& F,
                                                const std::vector<double>& e, std::size_t Bp,
                                                std::size_t mu, double* g_row,
                                                std::span<double> label_gradient) {
  typedef float Floats16 __attribute__((vector_size(64)));
  const std::size_t N = m.pixels, C = m.classes, B = pass.count;
  const float* labels = m.weights.data() + mu * m.width() + N;
  // Label gradient: one partial sum per lane (image a0 + a of each block),
  // the 16 lanes added in order at the end: a fixed order whatever the
  // vector width.
  // Plain doubles, moved through vectors with memcpy: heap blocks need not
  // have a vector's alignment.
  std::vector<double> partial(C * lanes, 0.0);
  double widest = 0;
  for (std::size_t alpha = 0; alpha < C; ++alpha)
    widest = std::max(widest, 2.0 * static_cast<double>(labels[alpha]));
  Lanes16 unused, d_off, d_on;
  for (std::size_t a0 = 0; a0 < B; a0 += lanes) {
    const std::size_t valid = std::min(lanes, B - a0);
    Floats16 h{};
    std::memcpy(&h, pass.h.data() + mu * B + a0, valid * sizeof(float));
    const Lanes16 off = __builtin_convertvector(h, Lanes16) - pass.label_sums[mu];
    double largest = -INFINITY;
    for (std::size_t a = 0; a < valid; ++a) largest = std::max(largest, off[a]);
    // A rectified memory whose every argument is negative adds nothing.
    if (F.kind == TrainingF::Kind::rectpoly && largest + widest <= 0) {
      for (std::size_t a = 0; a < valid; ++a) g_row[a0 + a] = 0;
      continue;
    }
    F.evaluate(off, unused, d_off);
    Lanes16 g_block{};
    for (std::size_t alpha = 0; alpha < C; ++alpha) {
      Lanes16 e_row;  // 0 past the batch
      std::memcpy(&e_row, e.data() + alpha * Bp + a0, sizeof e_row);
      F.evaluate(off + 2.0 * static_cast<double>(labels[alpha]), unused, d_on);
      g_block += e_row * (d_on - d_off);
      Lanes16 sum;
      std::memcpy(&sum, partial.data() + alpha * lanes, sizeof sum);
      sum += 2.0 * e_row * d_on;
      std::memcpy(partial.data() + alpha * lanes, &sum, sizeof sum);
    }
    for (std::size_t gamma = 0; gamma < C; ++gamma) {
      Lanes16 sum;
      std::memcpy(&sum, partial.data() + gamma * lanes, sizeof sum);
      sum -= g_block;
      std::memcpy(partial.data() + gamma * lanes, &sum, sizeof sum);
    }
    for (std::size_t a = 0; a < valid; ++a) g_row[a0 + a] = g_block[a];
  }
  for (std::size_t gamma = 0; gamma < C; ++gamma) {
    double sum = 0;
    for (std::size_t a = 0; a < lanes; ++a) sum += partial[gamma * lanes + a];
    label_gradient[gamma] = sum;
  }
}

// The same loops compiled for each vector level (same doubles on each).
#define DAMLAB_MEMORY_TERMS_ARGS                                                         \
  const TrainedMemories &m, const ForwardPass &pass, const TemperedF &F,                \
      const std::vector<double> &e, std::size_t Bp, std::size_t mu, double *g_row,          \
      std::span<double> label_gradient
void memory_terms_baseline(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g_row, label_gradient);
}
#ifdef DAMLAB_X86_SIMD
__attribute__((target("avx2"))) void memory_terms_avx2(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g_row, label_gradient);
}
__attribute__((target("avx512f"))) void memory_terms_avx512(DAMLAB_MEMORY_TERMS_ARGS) {
  memory_terms(m, pass, F, e, Bp, mu, g_row, label_gradient);
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

  // Memory by memory: g_μA and the label gradient, then the pixel gradient
  // Σ_A g_μA v_iA as a float product. Each memory's g is scaled by a power
  // of two that brings its largest value near 2^64 (no overflow or underflow
  // in float, whatever the loss power and temperature), undone exactly after.
  const TemperedF F(m.f, m.temperature);
  const auto terms = memory_terms_for(path);
  std::vector<float> scaled(K * B);
  std::vector<int> shift(K);
  constexpr std::size_t product_tile = 64;
  parallel_for((K + product_tile - 1) / product_tile, threads, [&](std::size_t t) {
    const std::size_t r0 = t * product_tile, r1 = std::min(K, r0 + product_tile);
    std::vector<double> g(B);
    for (std::size_t mu = r0; mu < r1; ++mu) {
      terms(m, pass, F, e, Bp, mu, g.data(), gradient.subspan(mu * W + N, C));
      double largest = 0;
      for (double v : g) largest = std::max(largest, std::fabs(v));
      // No strings per memory: they would take the threads build's malloc lock.
      if (!std::isfinite(largest))
        fail_field("temperature", m.temperature,
                   "high enough that the gradient stays finite in a double");
      shift[mu] = largest > 0 ? 64 - std::ilogb(largest) : 0;
      for (std::size_t a = 0; a < B; ++a)
        scaled[mu * B + a] = static_cast<float>(std::ldexp(g[a], shift[mu]));
    }
    std::vector<float> pixel_gradient((r1 - r0) * N);
    multiply_rows({scaled.data(), B}, {batch.images.data(), N}, pixel_gradient.data(), N, r0, r1,
                  B, N, path);
    for (std::size_t mu = r0; mu < r1; ++mu)
      for (std::size_t i = 0; i < N; ++i)
        gradient[mu * W + i] =
            std::ldexp(static_cast<double>(pixel_gradient[(mu - r0) * N + i]), -shift[mu]);
  });
  return out;
}

}  // namespace damlab
