// The one place that asks the CPU which vector instructions it runs. The
// answer is detected once and cached; kernels compiled for several levels
// (function attributes target("avx2") etc.) pick their variant from it, never
// per inner-loop iteration. WebAssembly and non-x86 builds are at baseline.
#pragma once

#include <string>

// x86-64 kernels built with per-function target attributes (GCC and Clang).
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DAMLAB_X86_SIMD 1
#endif

namespace damlab {

// Ordered: each level includes the ones below it.
enum class SimdLevel {
  baseline,         // scalar code with POPCNT where the target has it
  avx2,             // 256-bit integer and double vectors
  avx512f,          // 512-bit vectors, two-source permutes
  avx512_popcount,  // avx512f with VPOPCNTQ (avx512vpopcntdq)
};

// The highest level this CPU runs, detected on first use.
SimdLevel simd_level();
inline bool cpu_runs(SimdLevel level) { return simd_level() >= level; }
std::string to_string(SimdLevel level);

}  // namespace damlab
