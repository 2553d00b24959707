// A finite-N estimate of the "all first K retrieved" capacity of a polynomial
// DAM (poly or rectpoly, degree n) on random ±1 patterns, built from the exact
// distribution of one bit's margin (docs/science.md, "Finite-N capacity").
//
// Bit i of stored pattern ν, with σ = ξ^ν, has the margin
//   M = s + Σ_{μ≠ν} a_μ g(h_μ),   s = F(N) − F(N − 2),   g(h) = F(h + 1) − F(h − 1),
// a_μ = ξ_i^ν ξ_i^μ a fair sign and h_μ = Σ_{j≠i} ξ_j^μ ξ_j^ν = (N − 1) − 2B,
// B ~ Binomial(N − 1, 1/2), all independent: the K − 1 crosstalk terms are
// exactly i.i.d. The bit is unstable when M < 0 (a tie keeps it).
// p_bit = P(M < 0) is computed by inverting the characteristic function of
// the lattice-valued sum (an exact formula, evaluated by the trapezoid rule,
// which is exact for a trigonometric polynomial of the degree used; see the
// .cpp for the node count and what it neglects).
//
// Two approximations turn p_bit into a capacity, and both are stated where
// they are used: the K·N bits are treated as independent,
//   P(first K retrieved) ≈ (1 − p_bit(K))^(K N),
// and retrieval as monotone in K, so P(Kmax ≥ K) ≈ P(first K retrieved).
#pragma once

#include <cstddef>

#include "damlab/dam/separation.hpp"

namespace damlab::theory {

// Throws InvalidArgument unless F is poly or rectpoly with n in [2, 60],
// N in [2, 100000] and N^n <= 2^53 (so every F value is an exact integer in a
// double), and K >= 1.
// P(one given bit of one stored pattern is unstable), K random memories.
double bit_instability(std::size_t N, const Separation& F, std::size_t K);

// The same probability with the sum replaced by a normal variable of the same
// (exact, finite-N) mean 0 and variance: ½ erfc(s / √(2 (K − 1) E[g(h)²])).
double bit_instability_gaussian(std::size_t N, const Separation& F, std::size_t K);

// (1 − p_bit)^(K N): every bit of the first K patterns stable, bits taken as
// independent.
double all_retrieved_probability(std::size_t N, const Separation& F, std::size_t K);

// The estimated distribution of Kmax, P(Kmax >= K) = all_retrieved_probability:
// its mean Σ_K P(Kmax >= K), and the largest K with P(Kmax >= K) at least
// 3/4, 1/2 and 1/4 (lower quartile, median, upper quartile).
struct FiniteCapacity {
  double mean = 0;
  std::size_t lower_quartile = 0, median = 0, upper_quartile = 0;
};
FiniteCapacity finite_capacity(std::size_t N, const Separation& F);

}  // namespace damlab::theory
