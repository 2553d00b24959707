#include "damlab/kernels/cpu.hpp"

namespace damlab {

namespace {

SimdLevel detect() {
#ifdef DAMLAB_X86_SIMD
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) {
    return __builtin_cpu_supports("avx512vpopcntdq") ? SimdLevel::avx512_popcount
                                                     : SimdLevel::avx512f;
  }
  if (__builtin_cpu_supports("avx2")) return SimdLevel::avx2;
#endif
  return SimdLevel::baseline;
}

}  // namespace

SimdLevel simd_level() {
  static const SimdLevel level = detect();
  return level;
}

std::string to_string(SimdLevel level) {
  switch (level) {
    case SimdLevel::avx512_popcount: return "avx512-vpopcntdq";
    case SimdLevel::avx512f: return "avx512f";
    case SimdLevel::avx2: return "avx2";
    case SimdLevel::baseline: break;
  }
  return "baseline";
}

}  // namespace damlab
