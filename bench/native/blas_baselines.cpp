#include "blas_baselines.hpp"

#include <cblas.h>

#include <type_traits>

namespace bench {

namespace {

template <typename Real>
std::vector<Real> as_signs(const damlab::PatternSet& set, std::size_t count) {
  std::vector<Real> out(count * set.N());
  for (std::size_t p = 0; p < count; ++p)
    for (std::size_t i = 0; i < set.N(); ++i) out[p * set.N() + i] = static_cast<Real>(set.sign(p, i));
  return out;
}

// C = A Bᵀ (A: m x k, B: n x k) or C = A B (B: k x n), row-major.
template <typename Real>
void gemm(bool transpose_b, std::size_t m, std::size_t n, std::size_t k, const Real* A,
          const Real* B, Real* C) {
  const auto tb = transpose_b ? CblasTrans : CblasNoTrans;
  const int ldb = static_cast<int>(transpose_b ? k : n);
  if constexpr (std::is_same_v<Real, float>)
    cblas_sgemm(CblasRowMajor, CblasNoTrans, tb, int(m), int(n), int(k), 1.0f, A, int(k), B, ldb,
                0.0f, C, int(n));
  else
    cblas_dgemm(CblasRowMajor, CblasNoTrans, tb, int(m), int(n), int(k), 1.0, A, int(k), B, ldb,
                0.0, C, int(n));
}

int tie_keeps(double field, int sigma) { return field > 0 ? 1 : field < 0 ? -1 : sigma; }

}  // namespace

std::vector<std::int32_t> per_pair_overlaps(const damlab::PatternSet& a,
                                            const damlab::PatternSet& b) {
  std::vector<std::int32_t> out(a.size() * b.size());
  for (std::size_t r = 0; r < a.size(); ++r)
    for (std::size_t c = 0; c < b.size(); ++c)
      out[r * b.size() + c] = damlab::overlap(a.row(r), b.row(c), a.N());
  return out;
}

std::size_t plain_synchronous_update(const damlab::PatternSet& memories,
                                     const damlab::FieldTerms& terms,
                                     damlab::PatternSet& states) {
  const std::size_t N = memories.N();
  std::vector<double> field(N);
  std::size_t flips = 0;
  for (std::size_t p = 0; p < states.size(); ++p) {
    std::fill(field.begin(), field.end(), 0.0);
    double d_total = 0;
    for (std::size_t mu = 0; mu < memories.size(); ++mu) {
      const std::int32_t m = damlab::overlap(memories.row(mu), states.row(p), N);
      const double c = terms.c(m);
      d_total += terms.d(m);
      for (std::size_t i = 0; i < N; ++i) field[i] += memories.bit(mu, i) ? c : -c;
    }
    const auto old = states.slice(p, 1);
    for (std::size_t i = 0; i < N; ++i) {
      const int sigma = old.sign(0, i);
      const int updated = tie_keeps(field[i] + sigma * d_total, sigma);
      if (updated != sigma) {
        states.flip(p, i);
        ++flips;
      }
    }
  }
  return flips;
}

template <typename Real>
std::size_t gemm_synchronous_update(const damlab::PatternSet& memories,
                                    const damlab::FieldTerms& terms,
                                    damlab::PatternSet& states) {
  const std::size_t N = memories.N(), K = memories.size(), P = states.size();
  const auto X = as_signs<Real>(memories, K);
  const auto S = as_signs<Real>(states, P);
  std::vector<Real> M(P * K), fields(P * N);
  std::vector<Real> D(P, 0);
  gemm<Real>(true, P, K, N, S.data(), X.data(), M.data());
  for (std::size_t p = 0; p < P; ++p)
    for (std::size_t mu = 0; mu < K; ++mu) {
      const auto m = static_cast<std::int32_t>(M[p * K + mu]);
      D[p] += static_cast<Real>(terms.d(m));
      M[p * K + mu] = static_cast<Real>(terms.c(m));
    }
  gemm<Real>(false, P, N, K, M.data(), X.data(), fields.data());
  std::size_t flips = 0;
  for (std::size_t p = 0; p < P; ++p)
    for (std::size_t i = 0; i < N; ++i) {
      const int sigma = static_cast<int>(S[p * N + i]);
      if (tie_keeps(fields[p * N + i] + sigma * D[p], sigma) != sigma) {
        states.flip(p, i);
        ++flips;
      }
    }
  return flips;
}

template std::size_t gemm_synchronous_update<float>(const damlab::PatternSet&,
                                                    const damlab::FieldTerms&, damlab::PatternSet&);
template std::size_t gemm_synchronous_update<double>(const damlab::PatternSet&,
                                                     const damlab::FieldTerms&, damlab::PatternSet&);

std::size_t gemm_binary_search_capacity(const damlab::PatternSet& set,
                                        const damlab::FieldTerms& terms) {
  const std::size_t N = set.N();
  const auto all = as_signs<double>(set, set.size());
  auto retrieved = [&](std::size_t K) {
    std::vector<double> M(K * K), fields(K * N), D(K, 0.0);
    gemm<double>(true, K, K, N, all.data(), all.data(), M.data());
    for (std::size_t nu = 0; nu < K; ++nu)
      for (std::size_t mu = 0; mu < K; ++mu) {
        const auto m = static_cast<std::int32_t>(M[nu * K + mu]);
        D[nu] += terms.d(m);
        M[nu * K + mu] = terms.c(m);
      }
    gemm<double>(false, K, N, K, M.data(), all.data(), fields.data());
    for (std::size_t nu = 0; nu < K; ++nu)
      for (std::size_t i = 0; i < N; ++i)
        if (all[nu * N + i] * (fields[nu * N + i] + all[nu * N + i] * D[nu]) < 0) return false;
    return true;
  };
  std::size_t lo = 0, hi = set.size();
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo + 1) / 2;
    if (retrieved(mid))
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

}  // namespace bench
