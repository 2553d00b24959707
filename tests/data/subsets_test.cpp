#include "damlab/data/subsets.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "assets.hpp"
#include "data_error.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::GreedySubsetOptions;
using testing_support::expect_contains;

GreedySubsetOptions options(double target, std::uint64_t seed = 1, std::size_t size = 50) {
  GreedySubsetOptions o;
  o.size = size;
  o.target_hd = target;
  o.seed = seed;
  return o;
}

// Checks a result against the rules, recomputing every distance from the
// chosen patterns: distinct indices of allowed classes, the reported sum, and
// the acceptance rule slot by slot (pair within the band; then each mean
// within max(band, previous gap) of the target) except at capped slots.
void expect_valid(const damlab::PatternSet& pool, const std::vector<std::uint8_t>& labels,
                  const GreedySubsetOptions& o, const damlab::GreedySubset& r) {
  ASSERT_EQ(r.indices.size(), o.size);
  EXPECT_EQ(std::set<std::uint32_t>(r.indices.begin(), r.indices.end()).size(), o.size)
      << "a pattern was chosen twice";
  for (const auto index : r.indices) {
    ASSERT_LT(index, pool.size());
    if (!o.classes.empty()) {
      EXPECT_NE(std::find(o.classes.begin(), o.classes.end(), labels[index]), o.classes.end())
          << "pattern " << index << " has label " << int{labels[index]};
    }
  }
  const auto prefix = damlab::prefix_pairwise_distances(damlab::select_patterns(pool, r.indices));
  EXPECT_EQ(prefix.back().distance_sum, r.distance.distance_sum);
  EXPECT_EQ(prefix.back().pairs, r.distance.pairs);
  const std::set<std::uint32_t> capped(r.capped.begin(), r.capped.end());
  double previous_gap = 0;
  for (std::size_t k = 2; k <= o.size; ++k) {
    const double gap = std::abs(prefix[k].mean() - o.target_hd);
    const double limit = k == 2 ? o.band : std::max(o.band, previous_gap);
    if (!capped.count(static_cast<std::uint32_t>(k - 1))) {
      EXPECT_LE(gap, limit) << "slot " << k - 1 << " target " << o.target_hd;
    }
    previous_gap = gap;
  }
  EXPECT_GE(r.attempts, 1u);
  EXPECT_LE(r.attempts, o.max_attempts);
  if (!r.capped.empty()) {
    EXPECT_EQ(r.attempts, o.max_attempts);
  }
}

// The paper's range of targets on MNIST: every one reached within the band
// (1 bit) without a capped slot, with the measured numbers printed.
TEST(GreedySubset, MnistReachesTargetsFrom30To190) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  for (int target = 30; target <= 190; target += 10) {
    const auto o = options(target);
    const auto start = std::chrono::steady_clock::now();
    const auto r = damlab::greedy_subset(mnist->patterns, mnist->labels, o);
    const double ms = std::chrono::duration<double, std::milli>(
                          std::chrono::steady_clock::now() - start).count();
    std::printf("target %3d: mean HD %.3f (%llu / %llu), %llu candidates, %zu attempts, "
                "%zu capped slots, %.2f ms\n",
                target, r.distance.mean(),
                static_cast<unsigned long long>(r.distance.distance_sum),
                static_cast<unsigned long long>(r.distance.pairs),
                static_cast<unsigned long long>(r.candidates), r.attempts,
                r.capped.size(), ms);
    EXPECT_LE(std::abs(r.distance.mean() - target), o.band) << "target " << target;
    EXPECT_TRUE(r.capped.empty()) << "target " << target;
    expect_valid(mnist->patterns, mnist->labels, o, r);
  }
}

// The paper's 53 subsets of 50, targets evenly spaced over [30, 190].
// The paper's 53 targets are all reached (their time is printed; speed is
// measured in bench/, not asserted here).
TEST(GreedySubset, MnistPaperSubsetsAllReachTheirTargets) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  const auto start = std::chrono::steady_clock::now();
  std::size_t capped = 0;
  double worst = 0;
  for (int k = 0; k < 53; ++k) {
    const auto o = options(30 + 160.0 * k / 52, 1 + k);
    const auto r = damlab::greedy_subset(mnist->patterns, mnist->labels, o);
    capped += r.capped.size();
    worst = std::max(worst, std::abs(r.distance.mean() - o.target_hd));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("53 subsets: %.3f s, largest |mean - target| %.3f, %zu capped slots\n",
              seconds, worst, capped);
  EXPECT_EQ(capped, 0u);
  EXPECT_LE(worst, 1.0);
}

TEST(GreedySubset, SameSeedSameSubsetOtherSeedAnother) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  const auto a = damlab::greedy_subset(mnist->patterns, mnist->labels, options(90, 5));
  const auto b = damlab::greedy_subset(mnist->patterns, mnist->labels, options(90, 5));
  const auto c = damlab::greedy_subset(mnist->patterns, mnist->labels, options(90, 6));
  EXPECT_EQ(a.indices, b.indices);
  EXPECT_EQ(a.distance.distance_sum, b.distance.distance_sum);
  EXPECT_EQ(a.candidates, b.candidates);
  EXPECT_NE(a.indices, c.indices);
}

// A fixed seed's subset never changes: the browser and every build must
// produce the same one.
TEST(GreedySubset, GoldenSubset) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  auto o = options(120, 1);
  o.size = 5;
  const auto r = damlab::greedy_subset(mnist->patterns, mnist->labels, o);
  EXPECT_EQ(r.indices, (std::vector<std::uint32_t>{9557, 6170, 3771, 4214, 7815}));
  EXPECT_EQ(r.distance.distance_sum, 1202u);
  EXPECT_EQ(r.candidates, 81u);
}

TEST(GreedySubset, RespectsClasses) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  for (const auto& [classes, target] :
       std::vector<std::pair<std::vector<std::uint8_t>, double>>{
           {{1}, 40}, {{3, 8}, 100}, {{0, 6, 9}, 130}}) {
    auto o = options(target, 3);
    o.classes = classes;
    const auto r = damlab::greedy_subset(mnist->patterns, mnist->labels, o);
    EXPECT_LE(std::abs(r.distance.mean() - target), o.band) << "target " << target;
    expect_valid(mnist->patterns, mnist->labels, o, r);
  }
}

// Out of reach (no pair of MNIST digits is 700 bits apart): every attempt
// gets stuck at the pair, and the last one completes, taking the closest
// candidate at each stuck slot (slots where some candidate still moves the
// mean up, toward 700, are not stuck).
TEST(GreedySubset, UnreachableTargetRecordsCappedSlots) {
  const auto* mnist = damlab_test::asset("mnist-10k.bin");
  ASSERT_NE(mnist, nullptr);
  auto o = options(700);
  o.size = 20;
  o.max_candidates = 200;
  o.max_attempts = 3;
  const auto r = damlab::greedy_subset(mnist->patterns, mnist->labels, o);
  EXPECT_EQ(r.attempts, 3u);
  ASSERT_FALSE(r.capped.empty());
  EXPECT_EQ(r.capped.front(), 1u);
  EXPECT_LT(r.distance.mean(), 400);
  expect_valid(mnist->patterns, mnist->labels, o, r);
}

// Without labels, on generated patterns: the rule holds at every slot for
// many seeds and targets, including band 0 (exact hits only).
TEST(GreedySubset, RuleHoldsOnRademacherPatterns) {
  const auto pool = damlab::rademacher(64, 300, 0.8, 9);
  for (std::uint64_t seed = 1; seed <= 20; ++seed)
    for (const double band : {0.0, 0.5, 2.0}) {
      auto o = options(18 + seed % 7, seed);
      o.size = 12;
      o.band = band;
      o.max_candidates = 100;
      o.max_attempts = 5;
      const auto r = damlab::greedy_subset(pool, {}, o);
      expect_valid(pool, {}, o, r);
    }
}

// The message of the InvalidArgument that f throws, after checking its field.
template <typename F>
std::string invalid(F f, const std::string& field) {
  try {
    f();
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InvalidArgument for " << field;
  return {};
}

TEST(GreedySubset, ValidationNamesArgumentAndRange) {
  const auto pool = damlab::rademacher(20, 30, 0.5, 1);
  std::vector<std::uint8_t> labels(30);
  for (std::size_t i = 0; i < 30; ++i) labels[i] = static_cast<std::uint8_t>(i % 3);
  auto run = [&](GreedySubsetOptions o) {
    return [&pool, &labels, o] { damlab::greedy_subset(pool, labels, o); };
  };
  auto o = options(10, 1, 5);
  o.size = 1;
  expect_contains(invalid(run(o), "size"), {"size = 1", "[2, 30]"});
  o.size = 31;
  expect_contains(invalid(run(o), "size"), {"size = 31", "[2, 30]"});
  o.size = 11;
  o.classes = {2};
  expect_contains(invalid(run(o), "size"), {"size = 11", "[2, 10]", "classes"});
  o = options(-1, 1, 5);
  expect_contains(invalid(run(o), "target_hd"), {"-1", "[0, 20]"});
  o = options(20.5, 1, 5);
  expect_contains(invalid(run(o), "target_hd"), {"20.5", "[0, 20]"});
  o = options(10, 1, 5);
  o.band = -0.5;
  expect_contains(invalid(run(o), "band"), {"-0.5", ">= 0"});
  o.band = std::nan("");
  invalid(run(o), "band");
  o = options(10, 1, 5);
  o.max_candidates = 0;
  expect_contains(invalid(run(o), "max_candidates"), {"0", "at least 1"});
  o = options(10, 1, 5);
  o.max_attempts = 0;
  expect_contains(invalid(run(o), "max_attempts"), {"0", "at least 1"});
  o = options(10, 1, 5);
  o.classes = {1, 7};
  expect_contains(invalid(run(o), "classes[1]"), {"7", "0 1 2"});
  o = options(10, 1, 5);
  expect_contains(invalid([&] { damlab::greedy_subset(pool, std::vector<std::uint8_t>(5), o); },
                          "labels.length"),
                  {"5", "30"});
  o.classes = {0};
  invalid([&] { damlab::greedy_subset(pool, {}, o); }, "classes");
}

TEST(SubsetByClass, DistinctDeterministicAndOfTheClasses) {
  std::vector<std::uint8_t> labels(100);
  for (std::size_t i = 0; i < 100; ++i) labels[i] = static_cast<std::uint8_t>(i % 10);
  const std::vector<std::uint8_t> classes = {2, 5};
  const auto a = damlab::subset_by_class(labels, classes, 15, 4);
  EXPECT_EQ(a, damlab::subset_by_class(labels, classes, 15, 4));
  EXPECT_NE(a, damlab::subset_by_class(labels, classes, 15, 5));
  EXPECT_EQ(std::set<std::uint32_t>(a.begin(), a.end()).size(), 15u);
  for (const auto index : a) EXPECT_TRUE(labels[index] == 2 || labels[index] == 5) << index;
  // All 20 of the classes: a permutation of them.
  auto all = damlab::subset_by_class(labels, classes, 20, 4);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::uint32_t>{2, 5, 12, 15, 22, 25, 32, 35, 42, 45,
                                             52, 55, 62, 65, 72, 75, 82, 85, 92, 95}));
  // No classes: every pattern is eligible.
  EXPECT_EQ(damlab::subset_by_class(labels, {}, 100, 1).size(), 100u);
  expect_contains(invalid([&] { damlab::subset_by_class(labels, classes, 21, 1); }, "size"),
                  {"21", "[1, 20]"});
  invalid([&] { damlab::subset_by_class(labels, classes, 0, 1); }, "size");
  invalid([&] { damlab::subset_by_class(labels, std::vector<std::uint8_t>{10}, 1, 1); },
          "classes[0]");
}

TEST(SubsetByClass, EachPatternEquallyLikely) {
  std::vector<std::uint8_t> labels(10, 0);
  std::vector<int> hits(10, 0);
  for (std::uint64_t seed = 0; seed < 5000; ++seed)
    for (const auto index : damlab::subset_by_class(labels, {}, 3, seed)) ++hits[index];
  // 1500 expected each; the standard deviation is about 32.
  for (const int h : hits) EXPECT_NEAR(h, 1500, 160);
}

TEST(SelectPatterns, CopiesRowsInOrderAndChecksIndices) {
  const auto pool = damlab::rademacher(70, 5, 0.5, 3);
  const std::vector<std::uint32_t> indices = {4, 0, 4};
  const auto chosen = damlab::select_patterns(pool, indices);
  ASSERT_EQ(chosen.size(), 3u);
  for (std::size_t k = 0; k < 3; ++k)
    EXPECT_TRUE(std::equal(chosen.row(k).begin(), chosen.row(k).end(),
                           pool.row(indices[k]).begin()));
  invalid([&] { damlab::select_patterns(pool, std::vector<std::uint32_t>{5}); }, "indices[0]");
}

// The greedy selection polls its progress once per slot: a cancellation
// stops it at the first slot; the subset chosen with reports is the one
// chosen without.
TEST(GreedySubset, PollsForCancellation) {
  const auto pool = damlab::rademacher(256, 2000, 0.5, 1);
  const std::vector<std::uint8_t> no_labels;
  std::size_t calls = 0;
  EXPECT_THROW(damlab::greedy_subset(pool, no_labels, options(128, 1, 200),
                                     [&](double) { return ++calls, false; }),
               damlab::Cancelled);
  EXPECT_EQ(calls, 1u);
  const auto polled = damlab::greedy_subset(pool, no_labels, options(128, 1, 200),
                                            [&](double) { return ++calls, true; });
  EXPECT_GE(calls, 200u);
  EXPECT_EQ(polled.indices, damlab::greedy_subset(pool, no_labels, options(128, 1, 200)).indices);
}

}  // namespace
