// The block kernels against their per-pair and per-term references, on
// random sets of every awkward size (N below, at and past word and chunk
// boundaries; set sizes that leave partial tiles and partial groups).
#include <gtest/gtest.h>

#include "damlab/kernels/bit_columns.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "damlab/kernels/overlaps.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/dam/capacity.hpp"
#include "damlab/dam/network.hpp"

#include <atomic>
#include "random_cases.hpp"
#include "reference.hpp"

namespace {

using damlab::PatternSet;

const std::size_t sizes_N[] = {1, 5, 63, 64, 65, 130, 511, 512, 513, 784, 1000};

TEST(Overlaps, EveryPathEqualsThePerPairOverlap) {
  damlab::Rng rng(11);
  for (std::size_t N : sizes_N) {
    const auto a = damlab::rademacher(N, 1 + rng.below(11), 0.5 + 0.4 * rng.uniform(), rng.next());
    const auto b = damlab::rademacher(N, 1 + rng.below(9), 0.5, rng.next());
    const auto A = reference::unpack(a), B = reference::unpack(b);
    for (auto path : damlab::available_popcount_paths()) {
      const auto out = damlab::overlap_matrix(a, b, path);
      for (std::size_t r = 0; r < a.size(); ++r)
        for (std::size_t c = 0; c < b.size(); ++c)
          ASSERT_EQ(out[r * b.size() + c], reference::dot(A[r], B[c]))
              << "N " << N << " path " << damlab::to_string(path) << " pair " << r << "," << c;
    }
  }
}

TEST(Overlaps, BlockOfRowsAndBadArguments) {
  const auto a = damlab::rademacher(100, 9, 0.5, 3), b = damlab::rademacher(100, 5, 0.5, 4);
  const auto all = damlab::overlap_matrix(a, b);
  std::vector<std::int32_t> block(3 * 5);
  damlab::overlap_block(a, 4, 3, b, block);
  for (std::size_t k = 0; k < block.size(); ++k) EXPECT_EQ(block[k], all[4 * 5 + k]);
  EXPECT_THROW(damlab::overlap_block(a, 8, 2, b, block), damlab::InvalidArgument);
  EXPECT_THROW(damlab::overlap_matrix(a, damlab::rademacher(99, 2, 0.5, 1)), damlab::InvalidArgument);
  EXPECT_EQ(damlab::available_popcount_paths().front(), damlab::PopcountPath::scalar);
}

TEST(BitColumns, TableEntriesAreTheSequentialSignedSums) {
  damlab::Rng rng(5);
  for (int trial = 0; trial < 20; ++trial) {
    std::array<double, 8> c{};
    for (auto& x : c) x = (rng.uniform() - 0.5) * std::ldexp(1.0, static_cast<int>(rng.below(60)) - 30);
    damlab::SignedSumTable table;
    damlab::signed_sum_table(c, table);
    for (std::size_t b = 0; b < 256; ++b) {
      double sum = (b & 1) ? c[0] : -c[0];
      for (std::size_t k = 1; k < 8; ++k) sum += ((b >> k) & 1) ? c[k] : -c[k];
      ASSERT_EQ(table[b], sum) << "entry " << b;
    }
  }
}

TEST(BitColumns, GroupSumsEqualTheLiteralSignedSums) {
  damlab::Rng rng(6);
  for (std::size_t N : sizes_N) {
    const std::size_t K = 1 + rng.below(30);
    const auto set = damlab::rademacher(N, K, 0.5 + 0.4 * rng.uniform(), rng.next());
    const damlab::BitColumns columns(set);
    ASSERT_EQ(columns.groups(), (K + 7) / 8);
    // Small integer coefficients: every sum is exact, so any order agrees.
    std::vector<double> c(K);
    for (auto& x : c) x = static_cast<double>(rng.below(1000)) - 500;
    const std::size_t nu = rng.below(K);
    std::vector<std::uint8_t> flip(N);
    damlab::flip_bytes(set, nu, flip);
    std::vector<double> plain(N, 0.0), flipped(N, 0.0);
    for (std::size_t g = 0; g < columns.groups(); ++g) {
      std::array<double, 8> coefficients{};
      for (std::size_t k = 0; k < 8 && g * 8 + k < K; ++k) coefficients[k] = c[g * 8 + k];
      damlab::SignedSumTable table;
      damlab::signed_sum_table(coefficients, table);
      damlab::accumulate_group(table, columns.group(g), {}, plain);
      damlab::accumulate_group(table, columns.group(g), flip, flipped);
    }
    for (std::size_t i = 0; i < N; ++i) {
      double want = 0, want_flipped = 0;
      for (std::size_t mu = 0; mu < K; ++mu) {
        want += set.sign(mu, i) * c[mu];
        want_flipped += set.sign(nu, i) * set.sign(mu, i) * c[mu];
      }
      ASSERT_EQ(plain[i], want) << "N " << N << " bit " << i;
      ASSERT_EQ(flipped[i], want_flipped) << "N " << N << " bit " << i;
    }
  }
}

}  // namespace

namespace {

TEST(SynchronousUpdate, ThreadCountChangesNothing) {
  damlab::Rng rng(8);
  for (int trial = 0; trial < 6; ++trial) {
    const std::size_t N = 40 + rng.below(200), K = 1 + rng.below(60);
    const auto memories = damlab::rademacher(N, K, 0.5 + 0.4 * rng.uniform(), rng.next());
    const damlab::Network net(memories, cases::random_separation(rng, 6));
    // States near memories (near ties are common) and random ones.
    auto states = damlab::rademacher(N, 70 + rng.below(50), 0.5, rng.next());
    for (std::size_t p = 0; p < states.size(); p += 2)
      for (std::size_t i = 0; i < N; ++i)
        states.set_sign(p, i, rng.below(10) == 0 ? -memories.sign(p % K, i) : memories.sign(p % K, i));
    auto one = states;
    const std::size_t flips = net.synchronous_update(one);
    for (std::size_t threads : {2, 3, 7}) {
      auto many = states;
      EXPECT_EQ(net.synchronous_update(many, {}, threads), flips);
      EXPECT_EQ(many, one) << "threads " << threads;
    }
  }
  auto states = damlab::rademacher(10, 2, 0.5, 1);
  const damlab::Network net(damlab::rademacher(10, 3, 0.5, 2), damlab::Separation::poly(3));
  EXPECT_THROW(net.synchronous_update(states, {}, 0), damlab::InvalidArgument);
}

}  // namespace

namespace {

TEST(BitColumns, SignedSumsOnEveryPathEqualTheLiteralSums) {
  damlab::Rng rng(12);
  std::vector<bool> paths = {false};
  if (damlab::accumulate_in_registers_available()) paths.push_back(true);
  for (std::size_t N : sizes_N) {
    const std::size_t K = 1 + rng.below(70);
    const auto set = damlab::rademacher(N, K, 0.5 + 0.4 * rng.uniform(), rng.next());
    const damlab::BitColumns columns(set);
    // Integer coefficients keep every grouping exact; a random sub-range
    // leaves partial groups at both ends.
    std::vector<double> c(K);
    for (auto& x : c) x = static_cast<double>(rng.below(2000)) - 1000;
    const std::size_t first = rng.below(K), last = first + 1 + rng.below(K - first);
    const std::size_t nu = rng.below(K);
    std::vector<std::uint8_t> flip(N);
    damlab::flip_bytes(set, nu, flip);
    for (bool in_registers : paths) {
      std::vector<double> plain(N, 1.0), flipped(N, -1.0);
      damlab::accumulate_signed_sums(columns, c, first, last, {}, plain, in_registers);
      damlab::accumulate_signed_sums(columns, c, first, last, flip, flipped, in_registers);
      for (std::size_t i = 0; i < N; ++i) {
        double want = 1.0, want_flipped = -1.0;
        for (std::size_t mu = first; mu < last; ++mu) {
          want += set.sign(mu, i) * c[mu];
          want_flipped += set.sign(nu, i) * set.sign(mu, i) * c[mu];
        }
        ASSERT_EQ(plain[i], want) << "N " << N << " bit " << i << " registers " << in_registers;
        ASSERT_EQ(flipped[i], want_flipped) << "N " << N << " bit " << i;
      }
    }
  }
}

}  // namespace

namespace {

TEST(RetrievalProfile, ThreadCountChangesNothing) {
  damlab::Rng rng(13);
  for (int trial = 0; trial < 12; ++trial) {
    const std::size_t N = 20 + rng.below(120), S = 2 + rng.below(90);
    const auto set = damlab::rademacher(N, S, 0.5 + 0.45 * rng.uniform(), rng.next());
    const auto F = cases::random_separation(rng, 5);
    for (bool stop : {false, true}) {
      const auto one = damlab::retrieval_profile(set, F, stop);
      for (std::size_t threads : {2, 3, 5}) {
        const auto many = damlab::retrieval_profile(set, F, stop, {}, threads);
        ASSERT_EQ(many.retrieved, one.retrieved) << "trial " << trial << " threads " << threads
                                                 << " stop " << stop;
      }
    }
  }
  EXPECT_THROW(damlab::retrieval_profile(damlab::rademacher(8, 3, 0.5, 1), damlab::Separation::poly(2),
                                         false, {}, 0),
               damlab::InvalidArgument);
}

TEST(RetrievalProfile, CancelledInAnyThreadStopsAll) {
  const auto set = damlab::rademacher(64, 60, 0.5, 2);
  std::atomic<int> calls{0};
  auto cancel_soon = [&](double) { return ++calls < 5; };
  EXPECT_THROW(damlab::retrieval_profile(set, damlab::Separation::poly(3), false, cancel_soon, 2),
               damlab::Cancelled);
}

}  // namespace
