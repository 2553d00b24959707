#include "damlab/kernels/patterns.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "reference.hpp"

namespace {

using damlab::PatternSet;

TEST(Patterns, OverlapEqualsDotProductForEveryPadding) {
  damlab::Rng rng(31);
  for (std::size_t N : {1u, 2u, 63u, 64u, 65u, 127u, 128u, 129u, 784u, 1000u}) {
    const auto set = damlab::rademacher(N, 12, rng.uniform(), rng.next());
    const auto unpacked = reference::unpack(set);
    for (std::size_t a = 0; a < set.size(); ++a)
      for (std::size_t b = 0; b < set.size(); ++b)
        ASSERT_EQ(damlab::overlap(set.row(a), set.row(b), N),
                  reference::dot(unpacked[a], unpacked[b]))
            << N;
    // Padding bits are zero in every word.
    for (std::size_t p = 0; p < set.size(); ++p)
      if (N % 64) {
        ASSERT_EQ(set.row(p).back() >> (N % 64), 0u);
      }
  }
}

TEST(Patterns, FromBytesBinarizesAtThreshold) {
  const std::vector<std::uint8_t> values = {0, 127, 128, 255, 10, 200};
  const auto set = PatternSet::from_bytes(values, 3, 128);
  ASSERT_EQ(set.size(), 2u);
  EXPECT_EQ(set.signs(0), (std::vector<int>{-1, -1, 1}));
  EXPECT_EQ(set.signs(1), (std::vector<int>{1, -1, 1}));
}

TEST(Patterns, SignsAndWordsRoundTrip) {
  const auto set = damlab::rademacher(70, 5, 0.3, 4);
  std::vector<int> signs;
  for (std::size_t p = 0; p < set.size(); ++p)
    for (int s : set.signs(p)) signs.push_back(s);
  EXPECT_EQ(PatternSet::from_signs(signs, 70), set);
  const auto words = set.all_words();
  EXPECT_EQ(PatternSet::from_words({words.begin(), words.end()}, 70), set);
}

TEST(Patterns, PairwiseDistanceOfEveryPrefix) {
  const auto set = damlab::rademacher(90, 15, 0.65, 6);
  const auto unpacked = reference::unpack(set);
  const auto prefixes = damlab::prefix_pairwise_distances(set);
  ASSERT_EQ(prefixes.size(), 16u);
  for (std::size_t K = 0; K <= 15; ++K) {
    EXPECT_EQ(prefixes[K].distance_sum, reference::mean_hd_sum(unpacked, K));
    EXPECT_EQ(prefixes[K].pairs, K * (K > 0 ? K - 1 : 0) / 2);
    EXPECT_EQ(damlab::pairwise_distance(set, K).distance_sum, prefixes[K].distance_sum);
  }
  EXPECT_TRUE(std::isnan(prefixes[1].mean()));
  EXPECT_DOUBLE_EQ(prefixes[15].mean(),
                   static_cast<double>(prefixes[15].distance_sum) / 105.0);
}

TEST(Patterns, SliceAndAppend) {
  const auto set = damlab::rademacher(100, 10, 0.5, 7);
  PatternSet joined = set.slice(0, 4);
  joined.append(set.slice(4, 6));
  EXPECT_EQ(joined, set);
  PatternSet one(100, 0);
  one.append_row(set, 3);
  EXPECT_EQ(one, set.slice(3, 1));
}

// The whole set's separation polls its progress every report_interval words:
// a cancellation stops it at the first report, the sum is unchanged by
// reports.
TEST(Patterns, PairwiseDistancePollsForCancellation) {
  const PatternSet set = damlab::rademacher(64, 1 << 14, 0.5, 1);  // 2^27 / 2 words
  std::vector<double> seen;
  EXPECT_THROW(damlab::pairwise_distance(set, set.size(),
                                         [&](double fraction) { return seen.push_back(fraction), false; }),
               damlab::Cancelled);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_LT(seen[0], 0.05);
  std::size_t reports = 0;
  const auto counted = damlab::pairwise_distance(set, set.size(), [&](double) { return ++reports, true; });
  EXPECT_GE(reports, (std::size_t{1} << 26) / damlab::report_interval - 1);
  EXPECT_EQ(counted.distance_sum, damlab::pairwise_distance(set).distance_sum);
}

}  // namespace
