// β F(x) and β F'(x) of the trained classifier at temperature T, for a row
// of arguments at once (docs/science.md, "Trained memories"):
//   rectpoly: β F(x) = (max(x, 0)/T)^n,  β F'(x) = (n/T) (max(x, 0)/T)^(n-1)
//   exp:      β F(x) = exp(x/T),          β F'(x) = exp(x/T) / T
// The power is taken by repeated squaring, lane by lane in one order, so
// the loops vectorize and every build computes the same doubles.
#pragma once

#include <cstddef>

#include "damlab/dam/separation.hpp"
#include "damlab/train/trained_memories.hpp"

namespace damlab {

struct TemperedF {
  TemperedF(const TrainingF& f, double temperature)
      : kind(f.kind), degree(f.degree), inv_T(1 / temperature),
        slope(f.kind == TrainingF::Kind::exp ? 1 / temperature : f.degree / temperature) {}

  // value[a] = β F(x[a]) and derivative[a] = β F'(x[a]) for a < L.
  template <std::size_t L>
  [[gnu::always_inline]] inline void evaluate(const double* x, double* value,
                                              double* derivative) const {
    if (kind == TrainingF::Kind::exp) {
      for (std::size_t a = 0; a < L; ++a) {
        value[a] = portable_exp(x[a] * inv_T);
        derivative[a] = value[a] * slope;
      }
      return;
    }
    double y[L], base[L], power[L];
    for (std::size_t a = 0; a < L; ++a) {
      y[a] = (x[a] > 0 ? x[a] : 0.0) * inv_T;
      base[a] = y[a];
      power[a] = 1;
    }
    for (unsigned e = degree - 1; e != 0;) {
      if (e & 1)
        for (std::size_t a = 0; a < L; ++a) power[a] *= base[a];
      e >>= 1;
      if (e != 0)
        for (std::size_t a = 0; a < L; ++a) base[a] *= base[a];
    }
    for (std::size_t a = 0; a < L; ++a) {
      value[a] = power[a] * y[a];
      derivative[a] = x[a] > 0 ? power[a] * slope : 0.0;  // also for n = 1
    }
  }

  TrainingF::Kind kind;
  unsigned degree;
  double inv_T;
  double slope;  // n/T (rectpoly) or 1/T (exp)
};

}  // namespace damlab
