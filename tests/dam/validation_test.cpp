// Every public entry point rejects bad arguments with an InvalidArgument whose
// message names the argument, its value and the allowed range.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/util/error.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/dam/theory.hpp"

namespace {

using damlab::PatternSet;
using damlab::Separation;

void expect_invalid(const std::function<void()>& call, const std::string& field,
                    const std::string& fragment) {
  try {
    call();
    ADD_FAILURE() << "no error for " << field;
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

TEST(Validation, PatternSets) {
  expect_invalid([] { PatternSet(0, 3); }, "N", "at least 1");
  expect_invalid([] { damlab::rademacher(0, 3, 0.5, 1); }, "N", "N = 0");
  expect_invalid([] { damlab::rademacher(10, 3, 1.5, 1); }, "p", "in [0, 1]");
  expect_invalid([] { damlab::rademacher(10, 3, std::nan(""), 1); }, "p", "in [0, 1]");
  const std::vector<int> signs = {1, -1, 0, 1};
  expect_invalid([&] { PatternSet::from_signs(signs, 2); }, "signs[2]", "+1 or -1");
  expect_invalid([&] { PatternSet::from_signs(signs, 3); }, "signs.length", "multiple of N = 3");
  const std::vector<std::uint8_t> bytes(10);
  expect_invalid([&] { PatternSet::from_bytes(bytes, 3, 128); }, "values.length", "multiple of N = 3");
  const std::vector<std::uint64_t> words = {~std::uint64_t{0}};
  expect_invalid([&] { PatternSet::from_words(words, 10); }, "words (pattern 0 padding)", "bits past N");
  const auto set = damlab::rademacher(10, 3, 0.5, 1);
  expect_invalid([&] { set.slice(2, 2); }, "slice", "at most the set size 3");
  expect_invalid([&] { damlab::pairwise_distance(set, 4); }, "prefix", "at most the set size 3");
  PatternSet other(11, 1);
  expect_invalid([&] { PatternSet copy = set; copy.append(other); }, "N", "equal to 10");
}

TEST(Validation, SeparationFunctions) {
  expect_invalid([] { Separation::poly(0); }, "n", "[1, 60]");
  expect_invalid([] { Separation::rectpoly(-3); }, "n", "n = -3");
  expect_invalid([] { Separation::rectpoly(61); }, "n", "[1, 60]");
  expect_invalid([] { Separation::exponential(0); }, "beta", "(0, 100]");
  expect_invalid([] { Separation::exponential(-1); }, "beta", "(0, 100]");
  expect_invalid([] { Separation::exponential(std::nan("")); }, "beta", "(0, 100]");
  expect_invalid([] { Separation::exponential(std::numeric_limits<double>::infinity()); }, "beta", "(0, 100]");
  expect_invalid([] { Separation::from_name("cubic", 3, 1); }, "F", "one of poly, rectpoly, exp");
  Separation bad{damlab::SeparationKind::poly, 0, 0};
  expect_invalid([&] { damlab::FieldTerms(bad, 10); }, "n", "[1, 60]");
}

TEST(Validation, Networks) {
  const auto memories = damlab::rademacher(10, 3, 0.5, 1);
  expect_invalid([] { damlab::Network(PatternSet(10, 0), Separation::poly(2)); }, "memories.length", "at least 1");
  const damlab::Network net(memories, Separation::poly(2));
  PatternSet wrong_N(12, 1);
  expect_invalid([&] { net.synchronous_update(wrong_N); }, "states.N", "equal to the memories' N = 10");
  expect_invalid([&] { net.energy(wrong_N, 0); }, "states.N", "N = 10");
  PatternSet state(10, 1);
  expect_invalid([&] { net.energy(state, 1); }, "state index", "below 1");
  expect_invalid([&] { net.field_sign(state, 0, 10); }, "bit", "below N = 10");
  const std::vector<std::uint8_t> clamped(9);
  expect_invalid([&] { net.synchronous_update(state, clamped); }, "clamped.length", "0 or N = 10");
  const std::vector<std::uint32_t> short_order = {0, 1, 2};
  expect_invalid([&] { net.asynchronous_sweep(state, 0, short_order); }, "order.length", "0 or N = 10");
  std::vector<std::uint32_t> repeated = {0, 1, 2, 3, 4, 5, 6, 7, 8, 8};
  expect_invalid([&] { net.asynchronous_sweep(state, 0, repeated); }, "order", "a permutation of 0..N-1");
}

TEST(Validation, Capacity) {
  const auto set = damlab::rademacher(10, 3, 0.5, 1);
  expect_invalid([] { damlab::capacity(PatternSet(10, 0), Separation::poly(2)); }, "patterns.length", "at least 1");
  expect_invalid([&] { damlab::first_k_retrieved(set, 4, Separation::poly(2)); }, "K", "[1, S = 3]");
  expect_invalid([&] { damlab::first_k_retrieved(set, 0, Separation::poly(2)); }, "K", "[1, S = 3]");
  Separation bad{damlab::SeparationKind::exp, 0, -2};
  expect_invalid([&] { damlab::capacity(set, bad); }, "beta", "(0, 100]");
}

TEST(Validation, TheoryAndRng) {
  expect_invalid([] { damlab::theory::kmax(1, 3); }, "N", "at least 2");
  expect_invalid([] { damlab::theory::kmax(100, 1); }, "n", "[2, 60]");
  expect_invalid([] { damlab::theory::error_probability(100, 3, 0); }, "K", "positive");
  damlab::Rng rng(1);
  expect_invalid([&] { rng.below(0); }, "bound", "at least 1");
  expect_invalid([&] { rng.bernoulli(-0.1); }, "p", "in [0, 1]");
}

}  // namespace
