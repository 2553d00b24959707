// β F(x) and β F'(x) of the trained classifier at temperature T, for 16
// arguments at once (docs/science.md, "Trained memories"):
//   rectpoly: β F(x) = (max(x, 0)/T)^n,  β F'(x) = (n/T) (max(x, 0)/T)^(n-1)
//   exp:      β F(x) = exp(x/T),          β F'(x) = exp(x/T) / T
// The 16 lanes are one GCC/Clang vector of doubles (two AVX-512 registers,
// four AVX2, eight SSE or WebAssembly SIMD ones); the power is taken by
// repeated squaring, the same operations in every lane, so every build
// computes the same doubles.
#pragma once

#include <cstddef>

#include "damlab/dam/separation.hpp"
#include "damlab/train/trained_memories.hpp"

namespace damlab {

typedef double Lanes16 __attribute__((vector_size(128)));
typedef long long LaneBits16 __attribute__((vector_size(128)));
inline constexpr std::size_t tempered_lanes = 16;

struct TemperedF {
  TemperedF(const TrainingF& f, double temperature)
      : kind(f.kind), degree(f.degree), inv_T(1 / temperature),
        slope(f.kind == TrainingF::Kind::exp ? 1 / temperature : f.degree / temperature) {}

  // value = β F(x) and derivative = β F'(x), lane by lane.
  [[gnu::always_inline]] inline void evaluate(const Lanes16& x, Lanes16& value,
                                              Lanes16& derivative) const {
    const Lanes16 zero{};
    if (kind == TrainingF::Kind::exp) {
      for (std::size_t a = 0; a < tempered_lanes; ++a) {
        value[a] = portable_exp(x[a] * inv_T);
        derivative[a] = value[a] * slope;
      }
      return;
    }
    // max(x, 0) by clearing the lanes whose sign bit is set: integer vector
    // operations, which every level vectorizes (GCC splits comparisons of
    // such wide vectors into scalar ones).
    const LaneBits16 bits = (LaneBits16)x;  // the same 128 bytes
    const LaneBits16 kept = bits & ~(bits >> 63);
    const Lanes16 y = (Lanes16)kept * inv_T;
    Lanes16 base = y, power = zero + 1.0;
    for (unsigned e = degree - 1; e != 0;) {
      if (e & 1) power = power * base;
      e >>= 1;
      if (e != 0) base = base * base;
    }
    value = power * y;
    derivative = power * slope;  // 0 where y = 0 once n >= 2
    if (degree == 1)
      for (std::size_t a = 0; a < tempered_lanes; ++a) derivative[a] = y[a] > 0 ? slope : 0.0;
  }

  TrainingF::Kind kind;
  unsigned degree;
  double inv_T;
  double slope;  // n/T (rectpoly) or 1/T (exp)
};

}  // namespace damlab
