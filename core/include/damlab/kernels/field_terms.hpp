// The closed form of the energy-difference update rule (docs/science.md):
//   field_i = Σ_μ ξ_i^μ c(m_μ) + σ_i Σ_μ d(m_μ),
//   c(m) = (F(m+2) - F(m-2)) / 2,  d(m) = (2F(m) - F(m+2) - F(m-2)) / 2.
// FieldTerms tabulates c and d for every overlap m in {-N, -N+2, ..., N}.
//
// Exact decisions. The bit's new value depends only on the sign of the field,
// and that sign must not depend on the build, the summation order or SIMD. So
// every table entry exists twice: as a double (scaled by a positive power of
// two, within 1.01 ulp of the exact term) for the fast path, and as an exact
// big integer. A fast sum whose magnitude exceeds error_bound() has the sign
// of the exact sum whatever order it was added in; the rare sums inside the
// bound are decided by exact_field_sign(). For poly and rectpoly the exact
// terms are the true integers (F(x) = x^n); for exp the model is defined by
// the doubles F(x) (computed with portable_exp), and the terms are their exact
// differences.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/dam/separation.hpp"

namespace damlab {

class FieldTerms {
 public:
  FieldTerms(const Separation& F, std::size_t N);
  ~FieldTerms();
  FieldTerms(FieldTerms&&) noexcept;
  FieldTerms& operator=(FieldTerms&&) noexcept;

  const Separation& separation() const { return F_; }
  std::size_t N() const { return N_; }

  // Scaled c(m), d(m) and a magnitude that bounds both and their rounding
  // errors (|c| + |d| for polynomials), for m with the parity of N.
  double c(std::int32_t m) const { return c_[index(m)]; }
  double d(std::int32_t m) const { return d_[index(m)]; }
  double magnitude(std::int32_t m) const { return magnitude_[index(m)]; }

  // An upper bound on |computed - exact| for a field or margin that adds at
  // most K c-terms and K d-terms (in any order and grouping) whose computed
  // magnitudes sum to magnitude_sum.
  static double error_bound(std::size_t K, double magnitude_sum);

  // Exact sign (-1, 0, +1) of Σ_{μ<K} ξ_i^μ C(m_μ) + sigma_i Σ_{μ<K} D(m_μ),
  // where overlaps[μ] is the overlap of the state with memory μ.
  int exact_field_sign(const PatternSet& memories,
                       std::span<const std::int32_t> overlaps, std::size_t i,
                       int sigma_i) const;

 private:
  std::size_t index(std::int32_t m) const {
    return static_cast<std::size_t>(m + static_cast<std::int32_t>(N_)) / 2;
  }

  struct Exact;  // big-integer terms, kept out of this header
  Separation F_;
  std::size_t N_;
  std::vector<double> c_, d_, magnitude_;
  std::unique_ptr<Exact> exact_;
};

// The sign of a fast-path value when it is certain: +1 or -1, or 0 when
// |value| <= bound and the exact sum has to decide.
inline int certain_sign(double value, double bound) {
  if (value > bound) return 1;
  if (value < -bound) return -1;
  return 0;
}

// New value of a bit whose field has sign s: ties (s = 0) keep the bit.
inline int updated_sign(int field_sign, int current) {
  return field_sign == 0 ? current : field_sign;
}

}  // namespace damlab
