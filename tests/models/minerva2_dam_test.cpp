// The proposal's Example 1.3.2: "Minerva2 (from Example 1.1.3) are roughly
// Dense Associative Networks, assuming that all patterns ... and query
// patterns are normalized, and with polynomial transmission function F_4"
// (docs/models.md, "Minerva2 and the DAM with F_4"). What holds exactly and
// what only roughly, on ±1 patterns, with b_μ = m_μ − ξ_i^μ σ_i the overlap
// without bit i:
//   - Minerva2 (eq. 4) is the DAM's derivative update (eq. 11) with F_4(x) =
//     x⁴/4, F_4' = x³, exactly: every ±1 vector has norm √N, so the norms are
//     one positive factor;
//   - Minerva2's sum is Σ_μ ξ_i^μ (b³ + 3b) + σ_i Σ_μ (3b² + 1): a
//     self-coupling that grows with K;
//   - the DAM's energy-difference update (eq. 10, damlab's "dam") with F_4 is
//     Σ_μ [F_4(ξ_i^μ + b) − F_4(−ξ_i^μ + b)] = 2 Σ_μ ξ_i^μ (b³ + b): no
//     self-coupling.
// The last test measures how often one synchronous update of the two differs.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/models/model.hpp"

namespace {

using damlab::ModelSpec;
using damlab::PatternSet;
using damlab::Rng;
using Ints = std::vector<int>;

Ints signs_of(const PatternSet& set, std::size_t p) { return set.signs(p); }

std::int64_t overlap(const Ints& a, const Ints& b) {
  std::int64_t s = 0;
  for (std::size_t j = 0; j < a.size(); ++j) s += a[j] * b[j];
  return s;
}

int sgn_keep(std::int64_t v, int current) { return v > 0 ? 1 : v < 0 ? -1 : current; }

ModelSpec minerva2_spec() {
  ModelSpec spec;
  spec.name = "minerva2";
  return spec;
}

ModelSpec dam4_spec() {
  ModelSpec spec;
  spec.name = "dam";
  spec.F = damlab::Separation::poly(4);
  return spec;
}

// Literal F_4(x) = x⁴/4 of the proposal's eq. 8, times 4 (a positive factor).
std::int64_t four_F4(std::int64_t x) { return x * x * x * x; }

struct Sums {
  std::int64_t minerva2 = 0;     // Σ_μ ξ_i^μ m_μ³ (eq. 4 without the norms)
  std::int64_t eq11 = 0;         // Σ_μ ξ_i^μ F_4'(m_μ), F_4'(x) = x³
  std::int64_t eq10_times4 = 0;  // 4 Σ_μ [F_4(ξ_i^μ + b_μ) − F_4(−ξ_i^μ + b_μ)]
  std::int64_t odd = 0;          // Σ_μ ξ_i^μ b_μ³
  std::int64_t linear = 0;       // Σ_μ ξ_i^μ b_μ
  std::int64_t self = 0;         // Σ_μ (3 b_μ² + 1)
};

Sums sums(const std::vector<Ints>& xi, const Ints& x, std::size_t i) {
  Sums s;
  for (const Ints& m : xi) {
    const std::int64_t o = overlap(m, x);
    const std::int64_t b = o - m[i] * x[i];
    s.minerva2 += m[i] * o * o * o;
    s.eq11 += m[i] * (o * o * o);
    s.eq10_times4 += four_F4(m[i] + b) - four_F4(-m[i] + b);
    s.odd += m[i] * b * b * b;
    s.linear += m[i] * b;
    s.self += 3 * b * b + 1;
  }
  return s;
}

TEST(Minerva2AndDamF4, IdentitiesHoldExactlyAndTheModelsFollowThem) {
  Rng rng(41);
  std::size_t checked = 0, differ = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t N = 4 + rng.below(40), K = 1 + rng.below(3 * N);
    const PatternSet memories = damlab::rademacher(N, K, 0.5, rng.next() >> 12);
    // A stored pattern with some flips, or a random state.
    PatternSet state(N, 1);
    const std::size_t source = rng.below(K);
    const double flip = rng.bernoulli(0.2) ? 0.5 : 0.3 * rng.uniform();
    for (std::size_t i = 0; i < N; ++i) {
      const int s = memories.sign(source, i);
      state.set_sign(0, i, rng.bernoulli(flip) ? -s : s);
    }
    std::vector<Ints> xi;
    for (std::size_t mu = 0; mu < K; ++mu) xi.push_back(signs_of(memories, mu));
    const Ints x = signs_of(state, 0);

    PatternSet minerva = state, dam = state;
    damlab::make_model(minerva2_spec(), memories)->synchronous_update(minerva);
    damlab::make_model(dam4_spec(), memories)->synchronous_update(dam);
    for (std::size_t i = 0; i < N; ++i) {
      const Sums s = sums(xi, x, i);
      ASSERT_EQ(s.minerva2, s.odd + 3 * s.linear + x[i] * s.self);
      ASSERT_EQ(s.eq10_times4, 8 * (s.odd + s.linear));
      ASSERT_EQ(s.minerva2, s.eq11);
      ASSERT_EQ(minerva.sign(0, i), sgn_keep(s.eq11, x[i])) << "trial " << trial << " bit " << i;
      ASSERT_EQ(dam.sign(0, i), sgn_keep(s.eq10_times4, x[i])) << "trial " << trial << " bit " << i;
      ++checked;
      differ += minerva.sign(0, i) != dam.sign(0, i);
    }
  }
  EXPECT_GT(checked, 3000u);
  EXPECT_GT(differ, 10u);  // the two rules are not the same rule
}

// One synchronous update of Minerva2 and of the DAM with F_4 (energy
// difference) from the same δ-noisy copies of the stored patterns (seed 1):
// the fraction of bits on which they differ, and the fraction of probes each
// returns exactly to its pattern. Printed as the table in docs/models.md.
TEST(Minerva2AndDamF4, OneStepAgreementOnNoisyProbes) {
  std::printf("%5s %6s %5s %12s %12s %12s\n", "N", "K", "delta", "bits_differ", "minerva2_ok",
              "dam4_ok");
  for (std::size_t N : {32, 64}) {
    for (std::size_t K : {N / 4, N, 4 * N, 16 * N}) {
      const PatternSet memories = damlab::rademacher(N, K, 0.5, 1);
      const auto minerva2 = damlab::make_model(minerva2_spec(), memories);
      const auto dam = damlab::make_model(dam4_spec(), memories);
      for (double delta : {0.0, 0.1, 0.2}) {
        Rng rng(1);
        const PatternSet probes = damlab::flip_bits(memories, delta, rng);
        PatternSet a = probes, b = probes;
        minerva2->synchronous_update(a);
        dam->synchronous_update(b);
        std::size_t differ = 0, a_ok = 0, b_ok = 0;
        for (std::size_t p = 0; p < K; ++p) {
          bool a_same = true, b_same = true;
          for (std::size_t i = 0; i < N; ++i) {
            differ += a.sign(p, i) != b.sign(p, i);
            a_same = a_same && a.sign(p, i) == memories.sign(p, i);
            b_same = b_same && b.sign(p, i) == memories.sign(p, i);
          }
          a_ok += a_same;
          b_ok += b_same;
        }
        const double bits = static_cast<double>(differ) / static_cast<double>(N * K);
        const double fa = static_cast<double>(a_ok) / static_cast<double>(K);
        const double fb = static_cast<double>(b_ok) / static_cast<double>(K);
        std::printf("%5zu %6zu %5.2f %12.5f %12.4f %12.4f\n", N, K, delta, bits, fa, fb);
        // Far below capacity both correct every probe: the same update.
        if (K == N / 4 && delta <= 0.1) {
          EXPECT_EQ(differ, 0u) << N << " " << K << " " << delta;
        }
        // Far above it, Minerva2's self-coupling keeps every stored pattern
        // (δ = 0), which the DAM with F_4 no longer does.
        if (K == 16 * N && delta == 0.0) {
          EXPECT_EQ(a_ok, K);
          EXPECT_LT(b_ok, K);
        }
      }
    }
  }
}

}  // namespace
