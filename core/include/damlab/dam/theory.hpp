// Theory overlays for rectified-polynomial / polynomial DAMs of degree n with
// N bits and K random (p = 1/2) memories (Krotov & Hopfield 2016; the
// tutorial in papers/). These are per-bit, per-pattern estimates: the measured
// "all first K retrieved" capacity sits below them and is never the same
// quantity.
#pragma once

#include <cstddef>

namespace damlab::theory {

// ln((2n-3)!!) for n >= 2 ((-1)!! = 1!! = 1), by summing logs: no overflow.
double log_double_factorial_2n_minus_3(int n);

// Per-bit error probability
//   P_error ≈ sqrt((2n-3)!!/(2π)) · (K / N^(n-1)) · exp(-N^(n-1) / (2K (2n-3)!!)).
double error_probability(std::size_t N, int n, double K);

// K_max(N) ≈ N^(n-1) / (2 (2n-3)!! ln N), and its natural logarithm (finite
// even where K_max itself exceeds the double range).
double kmax(std::size_t N, int n);
double log_kmax(std::size_t N, int n);

// Classical Hopfield network (n = 2): ≈ 0.14 N (Amit, Gutfreund, Sompolinsky).
double kmax_hopfield(std::size_t N);
// All patterns fixed points at once with high probability (McEliece et al.):
// N / (4 ln N).
double kmax_mceliece(std::size_t N);

// Exponential DAM (F = exp): the 2^(N/2) scale of Demircigil et al. (2017).
double kmax_exponential(std::size_t N);

// K random ±1 patterns of N bits hold a pair at Hamming distance exactly 1
// with probability ≈ 1 − exp(−K(K − 1)/2 · N/2^N); this is the K where that
// reaches 1/2: (1 + √(1 + 8 ln 2 · 2^N/N)) / 2. The exponential DAM's
// capacity at large β is set by such pairs (docs/science.md). N in [1, 1000].
double kmax_close_pair(std::size_t N);

// Willshaw network with k = aN active units per pattern: the largest K with
// fewer than one expected spurious unit over all stored patterns,
// (K + 1)(N - k) q^k < 1 with q = 1 - (1 - a^2)^K; K is capped at 10^6.
std::size_t kmax_willshaw(std::size_t N, double a);

// A random state y matching a memory ξ (both i.i.d. uniform ±1, N bits) within
// ε, in the sense of Prop. 6.3 of "Beyond memory storage capacity":
// P(|⟨ξ, y⟩| ≥ (1 − ε) N). Exactly: ⟨ξ, y⟩ = N − 2B with B ~ Binomial(N, 1/2),
// summed over the B that qualify (in log space). The proposition's Gaussian
// approximation (central limit): P(|Z| ≥ (1 − ε) √N) = erfc((1 − ε) √(N/2)).
// N in [1, 1000] (2^-N stays a normal double), ε in [0, 1].
double random_match_exact(std::size_t N, double epsilon);
double random_match_gaussian(std::size_t N, double epsilon);

}  // namespace damlab::theory
