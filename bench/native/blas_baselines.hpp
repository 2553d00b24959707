// The baselines the kernels are measured against: the same computations
// written the straightforward ways, as plain loops and as dense matrix
// products with OpenBLAS (±1 patterns as floats, overlaps and fields as
// GEMMs). They decide with floating-point sums, not exactly; the benchmarks
// count how many of their decisions differ from damlab's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "damlab/kernels/field_terms.hpp"
#include "damlab/kernels/patterns.hpp"

namespace bench {

// Overlaps of every pair of a and b, one per-pair popcount loop each.
std::vector<std::int32_t> per_pair_overlaps(const damlab::PatternSet& a,
                                            const damlab::PatternSet& b);

// One synchronous update of every state; returns bits flipped.
//   plain: per state, per memory, per bit: field_i += ξ_i^μ c(m_μ).
std::size_t plain_synchronous_update(const damlab::PatternSet& memories,
                                     const damlab::FieldTerms& terms,
                                     damlab::PatternSet& states);
//   gemm: M = S Xᵀ, C = c(M), fields = C X + σ ∘ Σd, in float or double.
template <typename Real>
std::size_t gemm_synchronous_update(const damlab::PatternSet& memories,
                                    const damlab::FieldTerms& terms,
                                    damlab::PatternSet& states);

// The paper's binary search for Kmax with each K checked by two double GEMMs
// (overlaps, then fields of all K patterns).
std::size_t gemm_binary_search_capacity(const damlab::PatternSet& set,
                                        const damlab::FieldTerms& terms);

}  // namespace bench
