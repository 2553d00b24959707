// Separation functions F of a Dense Associative Memory, as one small value
// type (kind plus its parameter) rather than a class hierarchy.
//   poly      F(x) = x^n
//   rectpoly  F(x) = x^n for x > 0, else 0
//   exp       F(x) = exp(beta * x)
// x is the raw overlap m = ξ·σ in [-N, N].
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace damlab {

enum class SeparationKind { poly, rectpoly, exp };

struct Separation {
  static constexpr int max_degree = 60;
  static constexpr double max_beta = 100.0;

  SeparationKind kind = SeparationKind::rectpoly;
  int n = 3;         // degree, for poly and rectpoly
  double beta = 1;   // inverse temperature, for exp

  static Separation poly(int n);
  static Separation rectpoly(int n);
  static Separation exponential(double beta);
  // From a kind name ("poly", "rectpoly", "exp") and its parameter.
  static Separation from_name(const std::string& kind, int n, double beta);
  // The kind names, in SeparationKind's order: "poly", "rectpoly", "exp".
  static const std::vector<std::string>& kind_names();

  // Throws InvalidArgument unless 1 <= n <= max_degree (polynomials) or
  // 0 < beta <= max_beta (exp).
  void validate() const;
  std::string name() const;

  // F(x) / F(N): the separation function in units of its value at a perfect
  // match, so energies stay finite for n up to 60 and any N. Deterministic on
  // every platform (own power and exponential, no library calls).
  double normalized(int x, std::size_t N) const;

  bool operator==(const Separation&) const = default;
};

// exp(x) from basic IEEE operations only, so that it returns the same bits
// natively and in WebAssembly (libm implementations differ in the last ulp).
// Results below exp(-708) are flushed to 0 and above exp(709) are +inf.
double portable_exp(double x);

}  // namespace damlab
