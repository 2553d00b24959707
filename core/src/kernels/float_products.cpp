#include "damlab/kernels/float_products.hpp"

#include <algorithm>
#include <cstring>

#include "damlab/kernels/cpu.hpp"

// The 64-byte vectors never cross a call boundary (every helper is inlined);
// GCC's note about their calling convention does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace damlab {

namespace {

// Sixteen floats as one GCC/Clang vector: two AVX2 registers, one AVX-512
// register, four SSE or WebAssembly SIMD registers. Every lane does its own
// column's sum, so vector width never changes the order of additions.
typedef float v16 __attribute__((vector_size(64)));
constexpr std::size_t lanes = 16;
// Depth chunk: a 16-column panel of B (16 KB) stays in the L1 cache while
// every row of the call passes over it. C keeps the partial sums between
// chunks, so each element's sum still runs k = 0, 1, ... in order.
constexpr std::size_t depth_chunk = 256;

[[gnu::always_inline]] inline v16 load16(const float* p) {
  v16 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store16(float* p, v16 v) { std::memcpy(p, &v, sizeof v); }

struct Args {
  FloatMatrix a, b;
  float* c;
  std::size_t c_stride, row_begin, row_end, depth, cols;
};

// C rows [r, r + MR) × columns [j, j + 16) over depth [k0, k1).
template <int MR>
[[gnu::always_inline]] inline void tile(const Args& x, std::size_t r, std::size_t j,
                                        std::size_t k0, std::size_t k1) {
  v16 acc[MR];
  const float* a_row[MR];
  float* c_row[MR];
  for (int i = 0; i < MR; ++i) {
    a_row[i] = x.a.data + (r + i) * x.a.stride;
    c_row[i] = x.c + (r + i - x.row_begin) * x.c_stride + j;
    acc[i] = k0 == 0 ? v16{} : load16(c_row[i]);
  }
  const float* b = x.b.data + j;
  for (std::size_t k = k0; k < k1; ++k) {
    const v16 bk = load16(b + k * x.b.stride);
    for (int i = 0; i < MR; ++i) acc[i] = acc[i] + a_row[i][k] * bk;
  }
  for (int i = 0; i < MR; ++i) store16(c_row[i], acc[i]);
}

// Columns that do not fill a vector: one at a time, same order.
inline void tail_column(const Args& x, std::size_t r, std::size_t j, std::size_t k0,
                        std::size_t k1) {
  const float* a_row = x.a.data + r * x.a.stride;
  float* out = x.c + (r - x.row_begin) * x.c_stride + j;
  float acc = k0 == 0 ? 0.0f : *out;
  for (std::size_t k = k0; k < k1; ++k) acc = acc + a_row[k] * x.b.data[k * x.b.stride + j];
  *out = acc;
}

template <int MR>
[[gnu::always_inline]] inline void blocked(const Args& x) {
  const std::size_t full = x.cols / lanes * lanes;
  for (std::size_t k0 = 0; k0 < x.depth || k0 == 0; k0 += depth_chunk) {
    const std::size_t k1 = std::min(x.depth, k0 + depth_chunk);
    for (std::size_t j = 0; j < full; j += lanes) {
      std::size_t r = x.row_begin;
      for (; r + MR <= x.row_end; r += MR) tile<MR>(x, r, j, k0, k1);
      for (; r < x.row_end; ++r) tile<1>(x, r, j, k0, k1);
    }
    for (std::size_t j = full; j < x.cols; ++j)
      for (std::size_t r = x.row_begin; r < x.row_end; ++r) tail_column(x, r, j, k0, k1);
    if (x.depth == 0) break;
  }
}

void blocked_baseline(const Args& x) { blocked<4>(x); }
#ifdef DAMLAB_X86_SIMD
__attribute__((target("avx2"))) void blocked_avx2(const Args& x) { blocked<6>(x); }
__attribute__((target("avx512f"))) void blocked_avx512(const Args& x) { blocked<12>(x); }
#endif

// The reference: one element at a time, its sum in k order.
void reference(const Args& x) {
  for (std::size_t r = x.row_begin; r < x.row_end; ++r)
    for (std::size_t j = 0; j < x.cols; ++j) {
      float acc = 0.0f;
      for (std::size_t k = 0; k < x.depth; ++k)
        acc = acc + x.a.data[r * x.a.stride + k] * x.b.data[k * x.b.stride + j];
      x.c[(r - x.row_begin) * x.c_stride + j] = acc;
    }
}

}  // namespace

FloatPath best_float_path() { return FloatPath::simd; }

std::vector<FloatPath> available_float_paths() { return {FloatPath::scalar, FloatPath::simd}; }

std::string to_string(FloatPath path) {
  return path == FloatPath::scalar ? "scalar" : "simd";
}

void multiply_rows(FloatMatrix a, FloatMatrix b, float* c_out, std::size_t c_stride,
                   std::size_t row_begin, std::size_t row_end, std::size_t depth,
                   std::size_t cols, FloatPath path) {
  if (row_begin >= row_end || cols == 0) return;
  const Args x{a, b, c_out, c_stride, row_begin, row_end, depth, cols};
  if (path == FloatPath::scalar) return reference(x);
#ifdef DAMLAB_X86_SIMD
  if (cpu_runs(SimdLevel::avx512f)) return blocked_avx512(x);
  if (cpu_runs(SimdLevel::avx2)) return blocked_avx2(x);
#endif
  blocked_baseline(x);
}

}  // namespace damlab
