#include "damlab/measures/random_instability.hpp"

#include <gtest/gtest.h>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "reference.hpp"

namespace {

using damlab::Separation;

// Against the literal update rule (eq. 1, exact integers) bit by bit: a bit
// is unstable when its field has the opposite sign (0 keeps it).
TEST(RandomInstability, CountsTheLiterallyUnstableBits) {
  for (const Separation& F : {Separation::poly(2), Separation::rectpoly(3), Separation::poly(4)})
    for (std::size_t K : {1, 4, 9, 20}) {
      const std::size_t N = 13, sets = 3, seed = 40;
      const auto got = damlab::random_instability(N, K, F, sets, seed);
      damlab::InstabilityCount expected;
      for (std::size_t r = 0; r < sets; ++r) {
        const auto memories = reference::unpack(damlab::rademacher(N, K, 0.5, seed + r));
        std::uint64_t set_bits = 0;
        for (const auto& xi : memories) {
          std::uint64_t bits = 0;
          for (std::size_t i = 0; i < N; ++i)
            bits += reference::sign(reference::literal_field_exact(F, memories, xi, i)) * xi[i] < 0;
          expected.stable_patterns += bits == 0;
          set_bits += bits;
        }
        expected.unstable_bits += set_bits;
        expected.retrieved_sets += set_bits == 0;
      }
      EXPECT_EQ(got.unstable_bits, expected.unstable_bits) << F.name() << " K " << K;
      EXPECT_EQ(got.stable_patterns, expected.stable_patterns);
      EXPECT_EQ(got.retrieved_sets, expected.retrieved_sets);
      EXPECT_EQ(got.bits, N * K * sets);
      EXPECT_EQ(got.patterns, K * sets);
      EXPECT_EQ(got.sets, sets);
    }
}

TEST(RandomInstability, KmaxIsTheProfileOfEachSet) {
  const auto F = Separation::rectpoly(2);
  const auto kmax = damlab::random_kmax(60, 40, F, 4, 9);
  ASSERT_EQ(kmax.size(), 4u);
  for (std::size_t r = 0; r < 4; ++r)
    EXPECT_EQ(kmax[r], damlab::retrieval_profile(damlab::rademacher(60, 40, 0.5, 9 + r), F).kmax());
}

// Against unpacked ±1 vectors: some pair among the first K differs in exactly one place.
TEST(RandomInstability, ClosePairIsAPairAtHammingDistanceOne) {
  for (std::uint64_t seed = 1; seed <= 30; ++seed) {
    const std::size_t N = seed % 2 ? 9 : 70;  // one word and two
    const auto set = damlab::rademacher(N, 60, 0.5, seed);
    const auto v = reference::unpack(set);
    for (std::size_t K : {2, 10, 30, 60}) {
      bool expected = false;
      for (std::size_t a = 0; a < K; ++a)
        for (std::size_t b = 0; b < a; ++b) {
          int differ = 0;
          for (std::size_t i = 0; i < N; ++i) differ += v[a][i] != v[b][i];
          expected = expected || differ == 1;
        }
      EXPECT_EQ(damlab::holds_close_pair(set, K), expected) << "seed " << seed << " K " << K;
    }
  }
}

}  // namespace
