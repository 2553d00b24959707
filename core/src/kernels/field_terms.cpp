#include "damlab/kernels/field_terms.hpp"

#include <boost/multiprecision/cpp_int.hpp>
#include <cmath>
#include <limits>

#include "damlab/util/error.hpp"

namespace damlab {

using boost::multiprecision::cpp_int;

struct FieldTerms::Exact {
  // Integer multiples of c(m) and d(m), all by one common positive factor.
  std::vector<cpp_int> C, D;
};

namespace {

constexpr std::size_t max_N = std::size_t{1} << 20;

// x^n for the polynomial kinds, exactly.
cpp_int exact_power_term(const Separation& F, std::int64_t x) {
  if (F.kind == SeparationKind::rectpoly && x <= 0) return 0;
  return boost::multiprecision::pow(cpp_int(x), static_cast<unsigned>(F.n));
}

// v * 2^-scale as a double, within (2^-53 + 2^-63) relative: the top 64 bits
// of |v| (truncated) are converted with one correctly rounded conversion.
double scaled_double(const cpp_int& v, int scale) {
  if (v == 0) return 0.0;
  const cpp_int magnitude = abs(v);
  const long bits = static_cast<long>(msb(magnitude)) + 1;
  const long shift = bits > 64 ? bits - 64 : 0;
  const auto top = static_cast<std::uint64_t>(magnitude >> shift);
  const double value = std::ldexp(static_cast<double>(top), static_cast<int>(shift - scale));
  return v < 0 ? -value : value;
}

// A double as mantissa * 2^exponent with an integer mantissa of 53 bits.
struct Decomposed {
  std::int64_t mantissa;
  int exponent;
};
Decomposed decompose(double v) {
  int exponent = 0;
  const double fraction = std::frexp(v, &exponent);
  return {static_cast<std::int64_t>(std::ldexp(fraction, 53)), exponent - 53};
}

}  // namespace

FieldTerms::FieldTerms(const Separation& F, std::size_t N)
    : F_(F), N_(N), exact_(std::make_unique<Exact>()) {
  F.validate();
  require(N >= 1 && N <= max_N, "N", N,
          "in [1, " + std::to_string(max_N) + "]");
  const std::size_t size = N + 1;
  c_.resize(size);
  d_.resize(size);
  magnitude_.resize(size);
  exact_->C.resize(size);
  exact_->D.resize(size);
  const auto Ni = static_cast<std::int64_t>(N);

  if (F.kind == SeparationKind::exp) {
    // The model is defined by the doubles F(x) = portable_exp(beta (x - N)).
    // The exact terms 2c = F(m+2) - F(m-2) and 2d = 2F(m) - F(m+2) - F(m-2)
    // are formed from those doubles in big integers (all sharing the
    // exponent of the smallest nonzero F), so no rounding of c or d can drop
    // F(m) - F(m-2) when F(m+2) dwarfs it (large beta).
    std::vector<double> fm(size + 2);
    int min_exponent = std::numeric_limits<int>::max();
    for (std::size_t k = 0; k < size + 2; ++k) {
      const std::int64_t x = -Ni - 2 + 2 * static_cast<std::int64_t>(k);  // m - 2 .. m + 2
      fm[k] = portable_exp(F.beta * static_cast<double>(x - Ni));
      if (fm[k] != 0) min_exponent = std::min(min_exponent, decompose(fm[k]).exponent);
    }
    std::vector<cpp_int> exact_f(size + 2);
    for (std::size_t k = 0; k < size + 2; ++k)
      if (fm[k] != 0) {
        const auto [mantissa, exponent] = decompose(fm[k]);
        exact_f[k] = cpp_int(mantissa) << (exponent - min_exponent);
      }
    for (std::size_t k = 0; k < size; ++k) {
      const double below = fm[k], at = fm[k + 1], above = fm[k + 2];
      c_[k] = (above - below) / 2;
      d_[k] = (2 * at - above - below) / 2;
      exact_->C[k] = exact_f[k + 2] - exact_f[k];
      exact_->D[k] = 2 * exact_f[k + 1] - exact_f[k + 2] - exact_f[k];
      // c and d are rounded from these three values, d with cancellation
      // when they are close: bound their errors by the inputs' size.
      magnitude_[k] = above + 2 * at + below;
    }
  } else {
    // Scale x by 2^-e with 2^e >= N + 2 so every scaled power stays in [2^-e n, 1].
    int e = 0;
    while ((std::int64_t{1} << e) < Ni + 2) ++e;
    const int scale = e * F.n;
    std::vector<cpp_int> fm(size + 2);
    for (std::size_t k = 0; k < size + 2; ++k)
      fm[k] = exact_power_term(F, -Ni - 2 + 2 * static_cast<std::int64_t>(k));
    for (std::size_t k = 0; k < size; ++k) {
      const cpp_int &below = fm[k], &at = fm[k + 1], &above = fm[k + 2];
      // The exact terms keep the factor 2 (2c and 2d): with rectpoly the
      // numerators can be odd. A common positive factor changes no sign.
      exact_->C[k] = above - below;
      exact_->D[k] = 2 * at - above - below;
      c_[k] = scaled_double(exact_->C[k], scale + 1);
      d_[k] = scaled_double(exact_->D[k], scale + 1);
      magnitude_[k] = std::abs(c_[k]) + std::abs(d_[k]);
    }
  }
}

FieldTerms::~FieldTerms() = default;
FieldTerms::FieldTerms(FieldTerms&&) noexcept = default;
FieldTerms& FieldTerms::operator=(FieldTerms&&) noexcept = default;

double FieldTerms::error_bound(std::size_t K, double magnitude_sum) {
  // Recursive or blocked summation of 2K terms errs by at most
  // (2K) u Σ|t|; table entries add 1.01 u each; the 2·S+ - S form used by
  // the batched update triples the first part. 4 (K + 4) u covers all of it
  // with a margin, and the second term covers terms that underflowed.
  constexpr double u = 0x1.0p-53;
  const double Kd = static_cast<double>(K);
  return 4.0 * (Kd + 4.0) * u * magnitude_sum +
         (4.0 * Kd + 8.0) * std::numeric_limits<double>::denorm_min();
}

int FieldTerms::exact_field_sign(const PatternSet& memories,
                                 std::span<const std::int32_t> overlaps,
                                 std::size_t i, int sigma_i) const {
  cpp_int field_c = 0, field_d = 0;
  for (std::size_t mu = 0; mu < overlaps.size(); ++mu) {
    const std::size_t k = index(overlaps[mu]);
    if (memories.bit(mu, i))
      field_c += exact_->C[k];
    else
      field_c -= exact_->C[k];
    field_d += exact_->D[k];
  }
  if (sigma_i > 0)
    field_c += field_d;
  else
    field_c -= field_d;
  return field_c.sign();
}

}  // namespace damlab
