#include "damlab/kernels/cpu.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "damlab/kernels/bit_columns.hpp"
#include "damlab/kernels/overlaps.hpp"

// The kernels' own views of the CPU all come from simd_level().
TEST(Cpu, KernelsAgreeWithTheDetectedLevel) {
  const damlab::SimdLevel level = damlab::simd_level();
  EXPECT_EQ(damlab::simd_level(), level);  // cached, the same every call
  EXPECT_TRUE(damlab::cpu_runs(damlab::SimdLevel::baseline));
  const auto paths = damlab::available_popcount_paths();
  const auto has = [&](damlab::PopcountPath p) {
    return std::find(paths.begin(), paths.end(), p) != paths.end();
  };
  EXPECT_EQ(has(damlab::PopcountPath::avx2), level >= damlab::SimdLevel::avx2);
  EXPECT_EQ(has(damlab::PopcountPath::avx512), level >= damlab::SimdLevel::avx512_popcount);
  EXPECT_EQ(damlab::accumulate_in_registers_available(), level >= damlab::SimdLevel::avx512f);
  EXPECT_FALSE(damlab::to_string(level).empty());
}
