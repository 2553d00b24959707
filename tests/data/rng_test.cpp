#include "damlab/data/rng.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "damlab/data/rademacher.hpp"

namespace {

using damlab::Rng;

// Published reference outputs of the two generators.
TEST(Rng, Splitmix64MatchesReference) {
  std::uint64_t state = 0;
  EXPECT_EQ(damlab::splitmix64(state), 0xe220a8397b1dcdafULL);
}

TEST(Rng, Xoshiro256StarStarMatchesReference) {
  auto rng = Rng::from_state({1, 2, 3, 4});
  EXPECT_EQ(rng.next(), 11520u);
  EXPECT_EQ(rng.next(), 0u);
  EXPECT_EQ(rng.next(), 1509978240u);
  EXPECT_EQ(rng.next(), 1215971899390074240ULL);
}

// Golden values: the WebAssembly builds must produce the same numbers.
TEST(Rng, GoldenValues) {
  Rng raw(42);
  for (std::uint64_t expected : {0x15780b2e0c2ec716ULL, 0x6104d9866d113a7eULL,
                                 0xae17533239e499a1ULL, 0xecb8ad4703b360a1ULL})
    EXPECT_EQ(raw.next(), expected);
  Rng range(7);
  for (std::uint64_t expected : {4, 4, 8, 4, 4, 1, 6, 6, 8, 9}) EXPECT_EQ(range.below(10), expected);
  Rng unit(9);
  for (double expected : {0.0025834396857136177, 0.25148937241585745, 0.13246225011289547})
    EXPECT_EQ(unit.uniform(), expected);
  EXPECT_EQ(Rng(3).permutation(10), (std::vector<std::uint32_t>{6, 7, 3, 4, 5, 2, 0, 9, 1, 8}));
  const auto set = damlab::rademacher(70, 2, 0.3, 5);
  const auto words = set.all_words();
  EXPECT_EQ(std::vector<std::uint64_t>(words.begin(), words.end()),
            (std::vector<std::uint64_t>{0x4418a8400c400801ULL, 0x2, 0xfb40860a62829612ULL, 0x9}));
}

// Polar-method normals: moments of a standard normal, and golden values the
// WebAssembly builds must reproduce.
TEST(Rng, NormalDraws) {
  Rng rng(12);
  const int draws = 400000;
  double sum = 0, squares = 0, fourth = 0;
  int beyond_two = 0;
  for (int k = 0; k < draws; ++k) {
    const double x = rng.normal();
    sum += x;
    squares += x * x;
    fourth += x * x * x * x;
    beyond_two += std::fabs(x) > 2;
  }
  EXPECT_NEAR(sum / draws, 0, 0.01);
  EXPECT_NEAR(squares / draws, 1, 0.01);
  EXPECT_NEAR(fourth / draws, 3, 0.06);
  EXPECT_NEAR(beyond_two / double(draws), 0.0455, 0.002);
  Rng golden(1);
  const double first = golden.normal(), second = golden.normal();
  Rng again(1);
  EXPECT_EQ(again.normal(), first);
  EXPECT_EQ(again.normal(), second);
  EXPECT_NE(first, second);
}

TEST(Rng, RangeAndBernoulliAreUnbiased) {
  Rng rng(1);
  const int draws = 600000;
  std::vector<int> counts(6);
  for (int k = 0; k < draws; ++k) ++counts[rng.below(6)];
  for (int c : counts) EXPECT_NEAR(c, draws / 6.0, 5 * std::sqrt(draws / 6.0));
  int ones = 0;
  for (int k = 0; k < draws; ++k) ones += rng.bernoulli(0.3);
  EXPECT_NEAR(ones, 0.3 * draws, 5 * std::sqrt(draws * 0.21));
  EXPECT_FALSE(rng.bernoulli(0.0));
  EXPECT_TRUE(rng.bernoulli(1.0));
  // A bound just above 2^63 forces rejections; results stay in range.
  const std::uint64_t big = (std::uint64_t{1} << 63) + 12345;
  for (int k = 0; k < 1000; ++k) EXPECT_LT(rng.below(big), big);
}

TEST(Rng, PermutationIsAPermutation) {
  Rng rng(2);
  auto order = rng.permutation(1000);
  std::sort(order.begin(), order.end());
  for (std::uint32_t i = 0; i < 1000; ++i) EXPECT_EQ(order[i], i);
  EXPECT_TRUE(rng.permutation(0).empty());
}

TEST(Rng, RademacherBitsFollowP) {
  const auto set = damlab::rademacher(1000, 50, 0.8, 3);
  std::size_t plus = 0;
  for (std::size_t p = 0; p < set.size(); ++p)
    for (std::size_t i = 0; i < set.N(); ++i) plus += set.bit(p, i);
  EXPECT_NEAR(plus / 50000.0, 0.8, 0.01);
}

}  // namespace
