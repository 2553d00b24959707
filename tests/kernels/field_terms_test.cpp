#include "damlab/kernels/field_terms.hpp"

#include <gtest/gtest.h>

#include "damlab/data/rademacher.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/data/rng.hpp"
#include "random_cases.hpp"
#include "reference.hpp"

namespace {

using damlab::Separation;

// The closed form decides every bit as the literal rule does (eq. 1).
TEST(FieldTerms, ClosedFormEqualsLiteralRuleOnRandomSmallCases) {
  damlab::Rng rng(2024);
  std::size_t compared = 0, ties = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    const auto c = cases::random_case(rng, 40, 8, 9);
    const damlab::Network net(c.memories, c.F);
    const auto memories = reference::unpack(c.memories);
    const auto state = c.state.signs(0);
    for (std::size_t i = 0; i < c.memories.N(); ++i) {
      const int expected = reference::literal_sign(c.F, memories, state, i);
      if (expected == 2) continue;  // exp near tie: long double cannot tell
      ASSERT_EQ(net.field_sign(c.state, 0, i), expected)
          << c.F.name() << " n=" << c.F.n << " beta=" << c.F.beta
          << " N=" << c.memories.N() << " K=" << c.memories.size() << " i=" << i;
      ++compared;
      ties += expected == 0;
    }
  }
  EXPECT_GT(compared, 30000u);
  EXPECT_GT(ties, 100u);  // the cases do exercise exact ties
}

// c and d are the literal differences of F (scaled by a power of two).
TEST(FieldTerms, TermsMatchTheirDefinition) {
  for (const auto& F : {Separation::poly(3), Separation::rectpoly(5), Separation::poly(2)}) {
    const std::size_t N = 20;
    const damlab::FieldTerms terms(F, N);
    const double scale = terms.c(static_cast<int>(N)) /
                         static_cast<double>(reference::poly_F(F, 22) - reference::poly_F(F, 18)) * 2;
    for (int m = -20; m <= 20; m += 2) {
      const auto Fm = [&](int x) { return static_cast<double>(reference::poly_F(F, x)); };
      EXPECT_DOUBLE_EQ(terms.c(m), scale * (Fm(m + 2) - Fm(m - 2)) / 2) << m;
      EXPECT_DOUBLE_EQ(terms.d(m), scale * (2 * Fm(m) - Fm(m + 2) - Fm(m - 2)) / 2) << m;
    }
  }
}

// Large degrees: n = 30 at N = 784 and n = 60 at N = 4096 keep exact
// decisions (no overflow, no underflow, no lost sign) on correlated data.
void expect_exact_decisions(int n, std::size_t N, std::size_t K, std::uint64_t seed,
                            std::size_t bits_per_state) {
  damlab::Rng rng(seed);
  const auto F = Separation::rectpoly(n);
  const auto memories = damlab::rademacher(N, K, 0.8, rng.next());
  const damlab::Network net(memories, F);
  const auto unpacked = reference::unpack(memories);
  for (int trial = 0; trial < 4; ++trial) {
    const auto state = cases::near_copy(memories, rng.below(K), 5 + rng.below(N / 4), rng);
    const auto signs = state.signs(0);
    for (std::size_t b = 0; b < bits_per_state; ++b) {
      const std::size_t i = rng.below(N);
      ASSERT_EQ(net.field_sign(state, 0, i),
                reference::sign(reference::literal_field_exact(F, unpacked, signs, i)))
          << "n=" << n << " N=" << N << " i=" << i;
    }
  }
}

TEST(FieldTerms, DegreeThirtyAtN784IsExact) { expect_exact_decisions(30, 784, 12, 7, 60); }
TEST(FieldTerms, DegreeSixtyAtN4096IsExact) { expect_exact_decisions(60, 4096, 6, 8, 12); }

TEST(FieldTerms, ErrorBoundGrowsWithTermsAndMagnitude) {
  EXPECT_GT(damlab::FieldTerms::error_bound(10, 1.0), 0.0);
  EXPECT_LT(damlab::FieldTerms::error_bound(10, 1.0), 1e-13);
  EXPECT_GT(damlab::FieldTerms::error_bound(1000, 1.0), damlab::FieldTerms::error_bound(10, 1.0));
  EXPECT_GT(damlab::FieldTerms::error_bound(10, 2.0), damlab::FieldTerms::error_bound(10, 1.0));
}

TEST(PortableExp, MatchesLibraryExpToAFewUlp) {
  damlab::Rng rng(5);
  for (int k = 0; k < 20000; ++k) {
    const double x = -700 + 1400 * rng.uniform();
    const double expected = std::exp(x);
    EXPECT_NEAR(damlab::portable_exp(x), expected, 4e-16 * expected) << x;
  }
  EXPECT_EQ(damlab::portable_exp(0.0), 1.0);
  EXPECT_EQ(damlab::portable_exp(-800.0), 0.0);
  EXPECT_TRUE(std::isinf(damlab::portable_exp(800.0)));
}

}  // namespace
