#include "damlab/dam/capacity.hpp"

#include <gtest/gtest.h>

#include <string>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "random_cases.hpp"
#include "reference.hpp"

namespace {

using damlab::PatternSet;
using damlab::Separation;

// The exact-mode profile equals a brute-force evaluation of every K by the
// literal rule.
TEST(Capacity, ExactProfileEqualsLiteralEvaluationOfEveryK) {
  damlab::Rng rng(21);
  std::size_t failures_seen = 0;
  for (int trial = 0; trial < 150; ++trial) {
    const std::size_t N = 6 + rng.below(40), S = 1 + rng.below(14);
    auto F = cases::random_separation(rng, 5);
    if (F.kind == damlab::SeparationKind::exp) F = Separation::poly(2);
    const auto set = damlab::rademacher(N, S, 0.5 + 0.4 * rng.uniform(), rng.next());
    const auto profile = damlab::retrieval_profile(set, F);
    ASSERT_EQ(profile.retrieved.size(), S);
    const auto patterns = reference::unpack(set);
    for (std::size_t K = 1; K <= S; ++K) {
      const bool expected = reference::literal_first_k_retrieved(F, patterns, K);
      ASSERT_EQ(profile.retrieved[K - 1] != 0, expected) << "trial " << trial << " K " << K;
      ASSERT_EQ(damlab::first_k_retrieved(set, K, F), expected);
      failures_seen += !expected;
    }
  }
  EXPECT_GT(failures_seen, 50u);
}

TEST(Capacity, ModesAgreeWhereRetrievalIsMonotone) {
  damlab::Rng rng(22);
  std::size_t monotone = 0;
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t N = 16 + rng.below(100), S = 2 + rng.below(40);
    const auto F = cases::random_separation(rng, 6);
    const auto set = damlab::rademacher(N, S, 0.5 + 0.45 * rng.uniform(), rng.next());
    const auto result = damlab::capacity(set, F);
    if (!result.profile->monotone()) continue;
    ++monotone;
    ASSERT_EQ(result.exact.kmax, result.binary->kmax) << "trial " << trial;
    ASSERT_EQ(result.exact.censored, result.exact.kmax == S);
    const auto direct = damlab::binary_search_capacity(set, F);
    ASSERT_EQ(direct.kmax, result.binary->kmax);
    ASSERT_EQ(direct.evaluations, result.binary->evaluations);
    ASSERT_LE(result.binary->evaluations, 1 + static_cast<std::size_t>(std::log2(S)) + 1);
  }
  EXPECT_GT(monotone, 150u);
}

// A set on which retrieval is not monotone in K: the first 3 are retrieved,
// the first 4 are not, the first 5 are again. The paper's binary search
// (which assumes monotonicity) reports 5; the exact profile reports 3.
TEST(Capacity, NonMonotoneSetSeparatesTheModes) {
  const std::vector<std::string> rows = {
      "+++-+++---+-++", "++-+-+++--++++", "+--+-++---+-+-",
      "+++-+++--+++-+", "+--+++-+++++++", "++-+++-++-++++"};
  std::vector<int> signs;
  for (const auto& row : rows)
    for (char ch : row) signs.push_back(ch == '+' ? 1 : -1);
  const auto set = PatternSet::from_signs(signs, 14);
  const auto F = Separation::poly(2);
  const auto patterns = reference::unpack(set);
  const std::vector<bool> expected = {true, true, true, false, true, false};
  for (std::size_t K = 1; K <= 6; ++K)
    ASSERT_EQ(reference::literal_first_k_retrieved(F, patterns, K), expected[K - 1]) << K;
  const auto result = damlab::capacity(set, F);
  EXPECT_FALSE(result.profile->monotone());
  EXPECT_EQ(result.profile->retrieved, (std::vector<std::uint8_t>{1, 1, 1, 0, 1, 0}));
  EXPECT_EQ(result.exact.kmax, 3u);
  EXPECT_EQ(result.binary->kmax, 5u);
  EXPECT_EQ(result.binary->evaluations, 3u);  // K = 3, 5, 6
  EXPECT_EQ(damlab::binary_search_capacity(set, F).kmax, 5u);
}

TEST(Capacity, StopAtFirstFailureEndsTheProfileThere) {
  const auto set = damlab::rademacher(64, 60, 0.5, 5);
  const auto full = damlab::retrieval_profile(set, Separation::poly(2));
  const auto cut = damlab::retrieval_profile(set, Separation::poly(2), true);
  ASSERT_LT(full.kmax(), 60u);
  EXPECT_EQ(cut.retrieved.size(), full.kmax() + 1);
  EXPECT_EQ(cut.kmax(), full.kmax());
}

TEST(Capacity, MeanSeparationIsOverTheFirstKmaxPatterns) {
  const auto set = damlab::rademacher(100, 40, 0.7, 9);
  const auto result = damlab::capacity(set, Separation::rectpoly(3));
  const auto patterns = reference::unpack(set);
  const std::size_t K = result.exact.kmax;
  ASSERT_GE(K, 2u);
  EXPECT_EQ(result.exact.pairwise_hd.distance_sum, reference::mean_hd_sum(patterns, K));
  EXPECT_EQ(result.exact.pairwise_hd.pairs, K * (K - 1) / 2);
}

TEST(Capacity, SaturatedSetIsCensored) {
  const auto set = damlab::rademacher(784, 20, 0.5, 1);
  const auto result = damlab::capacity(set, Separation::rectpoly(7));
  EXPECT_EQ(result.exact.kmax, 20u);
  EXPECT_TRUE(result.exact.censored);
  EXPECT_TRUE(result.binary->censored);
}

TEST(Capacity, ReportsProgressAndCanBeCancelled) {
  const auto set = damlab::rademacher(200, 60, 0.6, 2);
  std::vector<double> seen;
  damlab::capacity(set, Separation::rectpoly(3), [&](double f) {
    seen.push_back(f);
    return true;
  });
  ASSERT_FALSE(seen.empty());
  for (std::size_t k = 1; k < seen.size(); ++k) EXPECT_GE(seen[k], seen[k - 1]);
  EXPECT_NEAR(seen.back(), 1.0, 1e-12);
  int calls = 0;
  EXPECT_THROW(damlab::capacity(set, Separation::rectpoly(3), [&](double) { return ++calls < 5; }),
               damlab::Cancelled);
  EXPECT_EQ(calls, 5);
}

}  // namespace
