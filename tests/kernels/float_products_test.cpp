#include "damlab/kernels/float_products.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "damlab/data/rng.hpp"

namespace {

// Every path gives the floats of the literal sum in k order, for shapes that
// exercise partial vectors, partial row tiles and several depth chunks.
TEST(FloatProducts, EveryPathIsTheOrderedSum) {
  damlab::Rng rng(11);
  for (auto [rows, depth, cols] : {std::array<std::size_t, 3>{1, 1, 1}, {7, 3, 17},
                                   {13, 300, 35}, {30, 600, 64}, {5, 0, 9}}) {
    const std::size_t lda = depth + 3, ldb = cols + 5;
    std::vector<float> a(rows * lda), b(depth * ldb);
    for (float& v : a) v = static_cast<float>(2 * rng.uniform() - 1);
    for (float& v : b) v = static_cast<float>(2 * rng.uniform() - 1);
    std::vector<float> expected(rows * cols);
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < cols; ++c) {
        float sum = 0;
        for (std::size_t k = 0; k < depth; ++k) sum = sum + a[r * lda + k] * b[k * ldb + c];
        expected[r * cols + c] = sum;
      }
    for (auto path : damlab::available_float_paths()) {
      std::vector<float> got(rows * cols, NAN);
      // In two row ranges, as threads would call it.
      const std::size_t half = rows / 2;
      damlab::multiply_rows({a.data(), lda}, {b.data(), ldb}, got.data(), cols, 0, half, depth,
                            cols, path);
      damlab::multiply_rows({a.data(), lda}, {b.data(), ldb}, got.data() + half * cols, cols,
                            half, rows, depth, cols, path);
      EXPECT_EQ(got, expected) << damlab::to_string(path) << " " << rows << "x" << depth << "x"
                               << cols;
    }
  }
}

}  // namespace
