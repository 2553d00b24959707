#include "damlab/dam/finite_capacity.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <string>
#include <vector>

#include "damlab/util/error.hpp"

namespace damlab::theory {

namespace {

void check(std::size_t N, const Separation& F) {
  require(F.kind == SeparationKind::poly || F.kind == SeparationKind::rectpoly, "F", F.name(),
          "poly or rectpoly");
  require(F.n >= 2 && F.n <= Separation::max_degree, "n", F.n,
          "an integer in [2, " + std::to_string(Separation::max_degree) + "]");
  require(N >= 2 && N <= 100000, "N", N, "an integer in [2, 100000]");
  require(F.n * std::log2(static_cast<double>(N)) <= 53, "N", N,
          "at most 2^(53/n) = " + std::to_string(std::exp2(53.0 / F.n)) + " for n = " +
              std::to_string(F.n) + " (N^n exact in a double)");
}

std::int64_t power(std::int64_t x, int n) {
  std::int64_t r = 1;
  for (int k = 0; k < n; ++k) r *= x;
  return r;
}

std::int64_t F_value(const Separation& F, std::int64_t x) {
  if (F.kind == SeparationKind::rectpoly && x <= 0) return 0;
  return power(x, F.n);
}

// Atoms whose probability is below this are dropped: they hold less than
// N · 1e-30 of the mass, so p_bit moves by at most K · N · 1e-30.
constexpr double negligible_weight = 1e-30;

// The law of one crosstalk term T = a · g(h): a fair sign times |g(h)|, as
// the distinct values |g| with their probabilities; the lattice D every T
// lies on (T ≡ |g_0| mod D), the signal s and E[T²].
struct Crosstalk {
  std::int64_t signal = 0;
  std::vector<std::int64_t> g;
  std::vector<double> weight;
  std::int64_t lattice = 0;
  double variance = 0;
};

Crosstalk crosstalk(std::size_t N, const Separation& F) {
  check(N, F);
  Crosstalk out;
  const auto n = static_cast<std::int64_t>(N);
  out.signal = F_value(F, n) - F_value(F, n - 2);
  std::map<std::int64_t, double> law;
  const double trials = static_cast<double>(N - 1);
  for (std::int64_t b = 0; b < n; ++b) {
    const double bb = static_cast<double>(b);
    const double w = std::exp(std::lgamma(trials + 1) - std::lgamma(bb + 1) -
                              std::lgamma(trials - bb + 1) - trials * std::numbers::ln2);
    if (w < negligible_weight) continue;
    const std::int64_t h = (n - 1) - 2 * b;
    law[std::abs(F_value(F, h + 1) - F_value(F, h - 1))] += w;
  }
  // Normalised to sum 1: the weights carry lgamma's rounding (about 1e-13
  // relative at N = 1000), and φ(0) = 1 is what the inversion subtracts from.
  double total = 0;
  for (const auto& entry : law) total += entry.second;
  for (const auto& [g, w] : law) {
    out.g.push_back(g);
    out.weight.push_back(w / total);
    out.variance += w / total * static_cast<double>(g) * static_cast<double>(g);
  }
  std::int64_t D = 2 * out.g.front();
  for (const std::int64_t g : out.g) D = std::gcd(D, g - out.g.front());
  out.lattice = D;
  return out;
}

// Advances every cos(j θ_a) + i sin(j θ_a) by one step and returns
// Σ_a w_a cos(j θ_a). Four partial sums so that the compiler may vectorise.
double rotate(double* __restrict re, double* __restrict im, const double* __restrict cs,
              const double* __restrict sn, const double* __restrict w, std::size_t A) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t a = 0;
  for (; a + 4 <= A; a += 4) {
    double r[4];
    for (std::size_t k = 0; k < 4; ++k) {
      r[k] = re[a + k] * cs[a + k] - im[a + k] * sn[a + k];
      im[a + k] = re[a + k] * sn[a + k] + im[a + k] * cs[a + k];
      re[a + k] = r[k];
    }
    s0 += w[a] * r[0];
    s1 += w[a + 1] * r[1];
    s2 += w[a + 2] * r[2];
    s3 += w[a + 3] * r[3];
  }
  for (; a < A; ++a) {
    const double r = re[a] * cs[a] - im[a] * sn[a];
    im[a] = re[a] * sn[a] + im[a] * cs[a];
    re[a] = r;
    s0 += w[a] * r;
  }
  return (s0 + s1) + (s2 + s3);
}

double instability(const Crosstalk& law, std::size_t K) {
  require(K >= 1, "K", K, "at least 1");
  const std::uint64_t m = K - 1;  // crosstalk terms
  const std::int64_t D = law.lattice;
  if (m == 0 || D == 0) return 0;  // no crosstalk: the margin is s > 0
  // S = Σ T = c + D J with J an integer; unstable iff S <= −s − 1, i.e.
  // J <= j*. Inverting the characteristic function of J at x = j* + 1/2:
  //   P(J <= j*) = 1/2 + (1/π) ∫_0^π sin(u y) φ(u/D)^m / (2 sin(u/2)) du,
  // y = x + c/D, φ(t) = E cos(t T). The integrand is 2π-periodic and, as a sum
  // over the values j of J of Dirichlet kernels of degree |j − x| − 1/2, a
  // trigonometric polynomial: the trapezoid rule with 2M nodes per period is
  // exact for every j with |j − x| < 2M. M = |x| + 12 σ_J + 64 leaves out only
  // J >= |x| + 24 σ_J, far beyond the bulk on the side opposite the tail
  // being computed (the tests compare with direct convolution and with a
  // Simpson rule on the integers with many more nodes).
  __extension__ using wide = unsigned __int128;  // m |g_0| overflows 64 bits
  const auto uD = static_cast<wide>(D);
  const auto c = static_cast<std::int64_t>(static_cast<wide>(m) % uD *
                                           (static_cast<wide>(law.g.front()) % uD) % uD);
  const std::int64_t numerator = -law.signal - 1 - c;  // negative
  const std::int64_t jstar = -((-numerator + D - 1) / D);  // floor(numerator / D)
  const double x = static_cast<double>(jstar) + 0.5;
  const long double y = static_cast<long double>(jstar) + 0.5L +
                        static_cast<long double>(c) / static_cast<long double>(D);
  const double md = static_cast<double>(m);
  const double sigma_J = std::sqrt(md * law.variance) / static_cast<double>(D);
  // |J| <= J_max = (m max|g| + c) / D: with M >= (J_max + |x|) / 2 + 1 the
  // rule is exact, which is the cheaper choice for few terms (whose law is
  // far from normal: one term can reach s).
  const double J_max = (md * static_cast<double>(law.g.back()) + static_cast<double>(c)) /
                       static_cast<double>(D);
  const auto M = static_cast<std::size_t>(
      std::ceil(std::fmin((J_max + std::fabs(x)) / 2 + 2, std::fabs(x) + 12 * sigma_J + 64)));

  // cos(j θ_a) by rotation, re-synchronised from long double every 1024 nodes
  // so that rounding cannot accumulate; the phase of sin(u y) and the sum in
  // long double, as the terms near u = 0 are about |y| and the result is a
  // difference of order 1/2.
  const std::size_t A = law.g.size();
  std::vector<long double> theta(A);
  std::vector<double> re(A), im(A), cs(A), sn(A);
  const std::vector<double>& w = law.weight;
  for (std::size_t a = 0; a < A; ++a) {
    theta[a] = std::numbers::pi_v<long double> * static_cast<long double>(law.g[a]) /
               static_cast<long double>(D) / static_cast<long double>(M);
    cs[a] = static_cast<double>(std::cos(theta[a]));
    sn[a] = static_cast<double>(std::sin(theta[a]));
    re[a] = 1;
    im[a] = 0;
  }
  long double inner = 0, end = 0, turns = 0;
  const long double period = 2.0L * static_cast<long double>(M);
  for (std::size_t j = 1; j <= M; ++j) {
    double phi = 0;
    if (j % 1024 == 0) {
      for (std::size_t a = 0; a < A; ++a) {
        const long double angle = static_cast<long double>(j) * theta[a];
        re[a] = static_cast<double>(std::cos(angle));
        im[a] = static_cast<double>(std::sin(angle));
      }
      for (std::size_t a = 0; a < A; ++a) phi += w[a] * re[a];
    } else {
      phi = rotate(re.data(), im.data(), cs.data(), sn.data(), w.data(), A);
    }
    // j y mod 2M, kept by adding y (|y| < M, so one wrap at most).
    turns += y;
    if (turns < 0) turns += period;
    if (turns >= period) turns -= period;
    // Terms below e^-80 of the largest (|y|) are left out: they cannot reach
    // the 1e-16 the sum resolves.
    double f = 0;
    if (phi != 0 && md * std::log(std::fabs(phi)) > -80) {
      const double u = std::numbers::pi * static_cast<double>(j) / static_cast<double>(M);
      f = std::sin(std::numbers::pi * static_cast<double>(turns) / static_cast<double>(M)) *
          std::pow(phi, md) / (2 * std::sin(u / 2));
    }
    if (j < M) inner += f; else end = f;
  }
  const long double p = 0.5L + (y + 2 * inner + end) / (2 * static_cast<long double>(M));
  return static_cast<double>(std::fmin(1.0L, std::fmax(0.0L, p)));
}

double all_retrieved(const Crosstalk& law, std::size_t N, std::size_t K) {
  const double p = instability(law, K);
  return std::exp(static_cast<double>(K) * static_cast<double>(N) * std::log1p(-p));
}

}  // namespace

double bit_instability(std::size_t N, const Separation& F, std::size_t K) {
  return instability(crosstalk(N, F), K);
}

double bit_instability_gaussian(std::size_t N, const Separation& F, std::size_t K) {
  require(K >= 1, "K", K, "at least 1");
  const Crosstalk law = crosstalk(N, F);
  if (K == 1) return 0;
  return 0.5 * std::erfc(static_cast<double>(law.signal) /
                         std::sqrt(2 * static_cast<double>(K - 1) * law.variance));
}

double all_retrieved_probability(std::size_t N, const Separation& F, std::size_t K) {
  return all_retrieved(crosstalk(N, F), N, K);
}

FiniteCapacity finite_capacity(std::size_t N, const Separation& F) {
  const Crosstalk law = crosstalk(N, F);
  std::map<std::size_t, double> known;  // K -> P(Kmax >= K), evaluated once each
  const auto P = [&](std::size_t K) {
    const auto it = known.find(K);
    if (it != known.end()) return it->second;
    return known[K] = all_retrieved(law, N, K);
  };
  // Largest K in [lo, hi] with P(K) >= q, given P(lo) >= q > P(hi) (P falls with K).
  const auto last_at_least = [&](double q, std::size_t lo, std::size_t hi) {
    while (hi - lo > 1) {
      const std::size_t mid = lo + (hi - lo) / 2;
      (P(mid) >= q ? lo : hi) = mid;
    }
    return lo;
  };
  constexpr double edge = 1e-9;
  std::size_t top = 2;
  while (P(top) > edge) {
    // std::size_t is 32 bits in WebAssembly: stop doubling well before it wraps.
    require(top <= std::numeric_limits<std::size_t>::max() / 4, "N", N,
            "small enough that the capacity fits in a K of " +
                std::to_string(std::numeric_limits<std::size_t>::max() / 4));
    top *= 2;
  }
  // P(Kmax >= K) is 1 within 1e-9 up to a and 0 within 1e-9 from b on.
  const std::size_t a = P(1) >= 1 - edge ? last_at_least(1 - edge, 1, top) : 1;
  const std::size_t b = last_at_least(edge, a, top) + 1;

  // The mean: Σ_K P(Kmax >= K) = a + Σ_{a < K <= b} P(K), P read off a grid
  // of at most 33 evaluated K and interpolated linearly between them (P is a
  // smooth step over b − a values; the tests bound the error).
  FiniteCapacity out;
  std::vector<std::size_t> grid;
  for (int k = 0; k <= 32; ++k) {
    const std::size_t K = a + (b - a) * static_cast<std::size_t>(k) / 32;
    if (grid.empty() || K != grid.back()) grid.push_back(K);
  }
  double sum = static_cast<double>(a);
  for (std::size_t k = 1; k < grid.size(); ++k) {
    const double p0 = P(grid[k - 1]), p1 = P(grid[k]);
    const double width = static_cast<double>(grid[k] - grid[k - 1]);
    for (std::size_t K = grid[k - 1] + 1; K <= grid[k]; ++K)
      sum += p0 + (p1 - p0) * static_cast<double>(K - grid[k - 1]) / width;
  }
  out.mean = sum;
  const auto quantile = [&](double q) {
    if (P(a) < q) return last_at_least(q, 1, a);
    for (std::size_t k = 1; k < grid.size(); ++k)
      if (P(grid[k]) < q) return last_at_least(q, grid[k - 1], grid[k]);
    return grid.back();
  };
  out.lower_quartile = quantile(0.75);
  out.median = quantile(0.5);
  out.upper_quartile = quantile(0.25);
  return out;
}

}  // namespace damlab::theory
