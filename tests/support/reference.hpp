// Slow, literal reference implementations of docs/science.md, written on unpacked
// ±1 vectors and independent of the core's closed form, bit packing, tables
// and error bounds. Polynomial separation functions are evaluated exactly with
// big integers; exp in long double.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <cstdint>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/dam/separation.hpp"

namespace reference {

using boost::multiprecision::cpp_int;
using Vec = std::vector<int>;
using Mat = std::vector<Vec>;

inline Mat unpack(const damlab::PatternSet& set) {
  Mat out;
  for (std::size_t p = 0; p < set.size(); ++p) out.push_back(set.signs(p));
  return out;
}

inline int dot(const Vec& a, const Vec& b) {
  int s = 0;
  for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

inline cpp_int poly_F(const damlab::Separation& F, int x) {
  if (F.kind == damlab::SeparationKind::rectpoly && x <= 0) return 0;
  return boost::multiprecision::pow(cpp_int(x), static_cast<unsigned>(F.n));
}

// The literal update rule, eq. 1: Σ_μ F(ξ_i^μ + h_μ) - F(-ξ_i^μ + h_μ) with
// h_μ = Σ_{j≠i} ξ_j^μ σ_j. Exact for poly/rectpoly.
inline cpp_int literal_field_exact(const damlab::Separation& F, const Mat& memories,
                                   const Vec& state, std::size_t i) {
  cpp_int field = 0;
  for (const Vec& xi : memories) {
    int h = 0;
    for (std::size_t j = 0; j < state.size(); ++j)
      if (j != i) h += xi[j] * state[j];
    field += poly_F(F, xi[i] + h) - poly_F(F, -xi[i] + h);
  }
  return field;
}

// Same for exp, in long double, with F scaled by exp(-beta N); also returns
// Σ |terms| so a caller can tell a near tie.
struct ApproxField {
  long double value = 0, magnitude = 0;
};
inline ApproxField literal_field_exp(const damlab::Separation& F,
                                     const Mat& memories, const Vec& state,
                                     std::size_t i) {
  ApproxField out;
  const long double N = static_cast<long double>(state.size());
  auto f = [&](int x) { return std::exp(static_cast<long double>(F.beta) * (x - N)); };
  for (const Vec& xi : memories) {
    int h = 0;
    for (std::size_t j = 0; j < state.size(); ++j)
      if (j != i) h += xi[j] * state[j];
    const long double a = f(xi[i] + h), b = f(-xi[i] + h);
    out.value += a - b;
    out.magnitude += a + b;
  }
  return out;
}

inline int sign(const cpp_int& v) { return v.sign(); }

// Field sign by the literal rule; for exp, 2 marks a near tie the long double
// reference cannot decide.
inline int literal_sign(const damlab::Separation& F, const Mat& memories,
                        const Vec& state, std::size_t i) {
  if (F.kind != damlab::SeparationKind::exp)
    return sign(literal_field_exact(F, memories, state, i));
  const auto field = literal_field_exp(F, memories, state, i);
  if (std::fabs(field.value) <= 1e-12L * field.magnitude) return 2;
  return field.value > 0 ? 1 : -1;
}

inline int keep_on_tie(int s, int current) { return s == 0 ? current : s; }

// One synchronous update of state by the literal rule.
inline Vec literal_sync(const damlab::Separation& F, const Mat& memories, const Vec& state) {
  Vec next = state;
  for (std::size_t i = 0; i < state.size(); ++i)
    next[i] = keep_on_tie(literal_sign(F, memories, state, i), state[i]);
  return next;
}

// One asynchronous sweep in the given order by the literal rule.
inline Vec literal_async(const damlab::Separation& F, const Mat& memories, Vec state,
                         const std::vector<std::uint32_t>& order) {
  for (std::uint32_t i : order)
    state[i] = keep_on_tie(literal_sign(F, memories, state, i), state[i]);
  return state;
}

// Whether the first K patterns are all fixed points with the first K stored.
inline bool literal_first_k_retrieved(const damlab::Separation& F, const Mat& patterns,
                                      std::size_t K) {
  const Mat memories(patterns.begin(), patterns.begin() + static_cast<long>(K));
  for (std::size_t nu = 0; nu < K; ++nu)
    if (literal_sync(F, memories, patterns[nu]) != patterns[nu]) return false;
  return true;
}

// -Σ_μ F(m_μ) / F(N) in long double.
inline long double literal_energy(const damlab::Separation& F, const Mat& memories,
                                  const Vec& state) {
  const long double N = static_cast<long double>(state.size());
  long double e = 0;
  for (const Vec& xi : memories) {
    const int m = dot(xi, state);
    if (F.kind == damlab::SeparationKind::exp)
      e -= std::exp(static_cast<long double>(F.beta) * (m - N));
    else if (F.kind == damlab::SeparationKind::rectpoly && m <= 0)
      e -= 0;
    else
      e -= std::pow(m / N, static_cast<long double>(F.n));
  }
  return e;
}

inline std::uint64_t mean_hd_sum(const Mat& patterns, std::size_t K) {
  std::uint64_t sum = 0;
  for (std::size_t a = 0; a < K; ++a)
    for (std::size_t b = a + 1; b < K; ++b)
      for (std::size_t i = 0; i < patterns[a].size(); ++i)
        sum += patterns[a][i] != patterns[b][i];
  return sum;
}

}  // namespace reference
