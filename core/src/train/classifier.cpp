#include "damlab/train/classifier.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "damlab/kernels/cpu.hpp"
#include "damlab/train/tempered_f.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"
#include "damlab/util/portable_math.hpp"

// The 128-byte vectors never cross a call boundary (all inlined).
#pragma GCC diagnostic ignored "-Wpsabi"

namespace damlab {

namespace {

// Memories per task of the float product; samples per task of the field sums.
constexpr std::size_t memory_tile = 64;
constexpr std::size_t lanes = tempered_lanes;

std::size_t tiles(std::size_t count, std::size_t tile) { return (count + tile - 1) / tile; }

// h of memory mu for samples [a0, a0 + lanes) minus s_μ, as doubles (0 - s_μ
// past the end).
[[gnu::always_inline]] inline Lanes16 off_arguments(const ForwardPass& pass, std::size_t mu,
                                                    std::size_t a0, std::size_t valid) {
  typedef float Floats16 __attribute__((vector_size(64)));
  Floats16 h{};
  std::memcpy(&h, pass.h.data() + mu * pass.count + a0, valid * sizeof(float));
  return __builtin_convertvector(h, Lanes16) - pass.label_sums[mu];
}

// fields of samples [a0, a0 + lanes): each sum over μ in order 0..K-1.
[[gnu::always_inline]] inline void field_block(const TrainedMemories& m,
                                               const ForwardPass& pass, const TemperedF& F,
                                               std::size_t a0, std::vector<double>& fields) {
  const std::size_t K = m.memories, N = m.pixels, C = m.classes, B = pass.count;
  const std::size_t valid = std::min(lanes, B - a0);
  // Plain doubles, moved through vectors with memcpy: heap blocks need not
  // have a vector's alignment.
  std::vector<double> acc(C * lanes, 0.0);
  Lanes16 f_off, f_on, unused;
  for (std::size_t mu = 0; mu < K; ++mu) {
    const float* labels = m.weights.data() + mu * m.width() + N;
    const Lanes16 off = off_arguments(pass, mu, a0, valid);
    double largest = -INFINITY, widest = 0;
    for (std::size_t a = 0; a < valid; ++a) largest = std::max(largest, off[a]);
    for (std::size_t alpha = 0; alpha < C; ++alpha)
      widest = std::max(widest, 2.0 * static_cast<double>(labels[alpha]));
    // A rectified memory whose every argument is negative adds nothing.
    if (F.kind == TrainingF::Kind::rectpoly && largest + widest <= 0) continue;
    F.evaluate(off, f_off, unused);
    for (std::size_t alpha = 0; alpha < C; ++alpha) {
      F.evaluate(off + 2.0 * static_cast<double>(labels[alpha]), f_on, unused);
      Lanes16 sum;
      std::memcpy(&sum, acc.data() + alpha * lanes, sizeof sum);
      sum += f_on - f_off;
      std::memcpy(acc.data() + alpha * lanes, &sum, sizeof sum);
    }
  }
  for (std::size_t a = 0; a < valid; ++a)
    for (std::size_t alpha = 0; alpha < C; ++alpha)
      fields[(a0 + a) * C + alpha] = acc[alpha * lanes + a];
}

// The same loops compiled for each vector level (the lanes of a block are
// independent, so every level computes the same doubles).
void field_block_baseline(const TrainedMemories& m, const ForwardPass& pass,
                          const TemperedF& F, std::size_t a0, std::vector<double>& fields) {
  field_block(m, pass, F, a0, fields);
}
#ifdef DAMLAB_X86_SIMD
__attribute__((target("avx2"))) void field_block_avx2(const TrainedMemories& m,
                                                       const ForwardPass& pass,
                                                       const TemperedF& F, std::size_t a0,
                                                       std::vector<double>& fields) {
  field_block(m, pass, F, a0, fields);
}
__attribute__((target("avx512f"))) void field_block_avx512(const TrainedMemories& m,
                                                           const ForwardPass& pass,
                                                           const TemperedF& F, std::size_t a0,
                                                           std::vector<double>& fields) {
  field_block(m, pass, F, a0, fields);
}
#endif

auto field_block_for(FloatPath path) {
#ifdef DAMLAB_X86_SIMD
  if (path == FloatPath::simd && cpu_runs(SimdLevel::avx512f)) return &field_block_avx512;
  if (path == FloatPath::simd && cpu_runs(SimdLevel::avx2)) return &field_block_avx2;
#endif
  (void)path;
  return &field_block_baseline;
}

void check_images(const TrainedMemories& m, std::span<const float> images) {
  require(images.size() % m.pixels == 0, "images", std::to_string(images.size()) + " values",
          "a multiple of pixels = " + std::to_string(m.pixels));
  check_pixel_values(images, "images");
}

}  // namespace

ForwardPass forward_pass(const TrainedMemories& m, std::span<const float> images,
                         std::size_t threads, FloatPath path) {
  check_images(m, images);
  const std::size_t K = m.memories, N = m.pixels, C = m.classes, W = m.width();
  require(m.weights.size() == K * W, "weights", m.weights.size(), "memories × (pixels + classes)");
  // Every argument lies in [-(N + C), N + C]; exp(x/T) must stay finite.
  if (m.f.kind == TrainingF::Kind::exp)
    require(static_cast<double>(W) / m.temperature <= 700, "temperature", m.temperature,
            "at least (pixels + classes) / 700 = " + std::to_string(W / 700.0) +
                " for F = exp (exp(x/T) overflows a double)");
  ForwardPass pass;
  const std::size_t B = pass.count = images.size() / N;
  pass.h.assign(K * B, 0.0f);
  pass.label_sums.assign(K, 0.0);
  pass.fields.assign(B * C, 0.0);
  if (B == 0) return pass;

  std::vector<float> transposed(N * B);  // pixels × images
  for (std::size_t a = 0; a < B; ++a)
    for (std::size_t i = 0; i < N; ++i) transposed[i * B + a] = images[a * N + i];
  parallel_for(tiles(K, memory_tile), threads, [&](std::size_t t) {
    const std::size_t r0 = t * memory_tile, r1 = std::min(K, r0 + memory_tile);
    multiply_rows({m.weights.data(), W}, {transposed.data(), B}, pass.h.data() + r0 * B, B, r0,
                  r1, N, B, path);
  });
  for (std::size_t mu = 0; mu < K; ++mu) {
    double sum = 0;
    for (std::size_t g = 0; g < C; ++g) sum += m.weights[mu * W + N + g];
    pass.label_sums[mu] = sum;
  }
  const TemperedF F(m.f, m.temperature);
  const auto block = field_block_for(path);
  parallel_for(tiles(B, lanes), threads,
               [&](std::size_t t) { block(m, pass, F, t * lanes, pass.fields); });
  // The message is built only on failure (not once per field).
  for (double field : pass.fields)
    if (!std::isfinite(field))
      fail_field("temperature", m.temperature,
                 "high enough that beta F stays finite in a double (F = " + to_string(m.f.kind) +
                     ", n = " + std::to_string(m.f.degree) + ")");
  return pass;
}

std::uint8_t predicted_class(std::span<const double> fields) {
  std::size_t best = 0;
  for (std::size_t alpha = 1; alpha < fields.size(); ++alpha)
    if (fields[alpha] > fields[best]) best = alpha;
  return static_cast<std::uint8_t>(best);
}

namespace {

// Runs body(first image, pass) over the images in chunks of forward_chunk.
template <typename Body>
void in_chunks(const TrainedMemories& m, std::span<const float> images, std::size_t threads,
               FloatPath path, Body body) {
  m.validate();
  check_images(m, images);
  const std::size_t count = images.size() / m.pixels;
  for (std::size_t first = 0; first < count; first += forward_chunk) {
    const std::size_t n = std::min(forward_chunk, count - first);
    body(first, forward_pass(m, images.subspan(first * m.pixels, n * m.pixels), threads, path));
  }
}

}  // namespace

std::vector<double> label_scores(const TrainedMemories& m, std::span<const float> images,
                                 std::size_t threads, FloatPath path) {
  std::vector<double> scores;
  in_chunks(m, images, threads, path, [&](std::size_t, const ForwardPass& pass) {
    for (double field : pass.fields) scores.push_back(portable_tanh(field));
  });
  return scores;
}

std::vector<std::uint8_t> predictions(const TrainedMemories& m, std::span<const float> images,
                                      std::size_t threads, FloatPath path) {
  std::vector<std::uint8_t> out;
  in_chunks(m, images, threads, path, [&](std::size_t, const ForwardPass& pass) {
    const std::span<const double> fields(pass.fields);
    for (std::size_t a = 0; a < pass.count; ++a)
      out.push_back(predicted_class(fields.subspan(a * m.classes, m.classes)));
  });
  return out;
}

double error_rate(const TrainedMemories& m, const LabelledView& data, std::size_t threads,
                  FloatPath path) {
  data.validate("data");
  require(data.pixels == m.pixels, "data.pixels", data.pixels,
          "the memories' pixels = " + std::to_string(m.pixels));
  require(data.classes == m.classes, "data.classes", data.classes,
          "the memories' classes = " + std::to_string(m.classes));
  const auto predicted = predictions(m, data.images, threads, path);
  std::size_t wrong = 0;
  for (std::size_t a = 0; a < predicted.size(); ++a) wrong += predicted[a] != data.labels[a];
  return static_cast<double>(wrong) / static_cast<double>(predicted.size());
}

}  // namespace damlab
