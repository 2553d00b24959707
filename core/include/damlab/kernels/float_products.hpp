// The float matrix products of training (train/): C = A · B with
//   C[r][c] = Σ_k A[r][k] B[k][c], summed in the order k = 0, 1, ..., depth-1
// from 0, each product rounded to float, every addition a float addition.
// The order is part of the contract: the scalar reference and every vector
// path give the same floats for any tiling or thread split, so training is
// reproducible across thread counts, CPUs and the WebAssembly builds.
// The vector paths work on many columns at once (never reorder the k sum):
// AVX-512 or AVX2 chosen at run time (kernels/cpu.hpp), the compiler's
// 128-bit vectors in the WebAssembly SIMD build.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace damlab {

// scalar: the reference (one element at a time; training's per-image loops
// compiled for the baseline level). simd: the blocked vector kernels and the
// per-image loops for the CPU's level. Both give the same floats and doubles.
enum class FloatPath { scalar, simd };

// The fastest path this build and CPU run, and every path (scalar first).
FloatPath best_float_path();
std::vector<FloatPath> available_float_paths();
std::string to_string(FloatPath path);

// A row-major float matrix view: element (r, c) at data[r * stride + c].
struct FloatMatrix {
  const float* data;
  std::size_t stride;
};

// Rows [row_begin, row_end) of C = A · B (depth terms, `cols` columns) into
// c_out (row r at c_out + (r - row_begin) * c_stride). No threads: callers
// split rows between threads.
void multiply_rows(FloatMatrix a, FloatMatrix b, float* c_out, std::size_t c_stride,
                   std::size_t row_begin, std::size_t row_end, std::size_t depth,
                   std::size_t cols, FloatPath path = best_float_path());

}  // namespace damlab
