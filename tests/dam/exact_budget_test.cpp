// The exact big-integer sums that settle ties count against the work budget
// (dam/capacity.hpp): tiny N makes ties the norm, so a long set of 1-bit
// patterns is refused once its ties would take the scan past 2^40.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"

namespace {

TEST(ExactBudget, TiesOfTinyNAreCounted) {
  // S² × N = 2^40 margin updates leave nothing for exact sums.
  const damlab::PatternSet set = damlab::rademacher(1, std::size_t{1} << 20, 0.5, 1);
  const auto start = std::chrono::steady_clock::now();
  try {
    damlab::retrieval_profile(set, damlab::Separation::rectpoly(3));
    FAIL() << "accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "S");
    EXPECT_NE(std::string(e.what()).find("S = 1048576 with N = 1: ties among the margins need exact "
                                         "big-integer sums"),
              std::string::npos)
        << e.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  // With 2 threads as well (the count is shared).
  EXPECT_THROW(damlab::retrieval_profile(set, damlab::Separation::rectpoly(3), false, {}, 2),
               damlab::InvalidArgument);
}

// With S² × N just below 2^40 the ties have little room: the scan stops
// early and advises the patterns whose ties it has seen fit, a set that runs.
TEST(ExactBudget, AdvisesTheTiesThatFit) {
  const std::size_t S = 1048000;  // S² × N = 2^40 - 1.2e9: 2.4e6 terms of 512 operations
  const damlab::PatternSet set = damlab::rademacher(1, S, 0.5, 1);
  std::string message;
  try {
    damlab::capacity(set, damlab::Separation::rectpoly(3));
  } catch (const damlab::InvalidArgument& e) {
    message = e.what();
  }
  const std::string advice = "patterns fit: S can be at most ";
  const auto at = message.find(advice);
  ASSERT_NE(at, std::string::npos) << message;
  EXPECT_NE(message.find("(512 operations each"), std::string::npos) << message;
  const std::size_t K = std::stoul(message.substr(at + advice.size()));
  EXPECT_NE(message.find("the ties of the first " + std::to_string(K) + " patterns fit"),
            std::string::npos);
  EXPECT_GE(K, 2u);
  EXPECT_LT(K, S);
  EXPECT_NO_THROW(damlab::capacity(set.slice(0, K), damlab::Separation::rectpoly(3)));
  // Two threads know fewer prefixes (each part stops where it is): the same
  // refusal, advising at most as much.
  try {
    damlab::capacity(set, damlab::Separation::rectpoly(3), {}, 2);
    FAIL() << "accepted";
  } catch (const damlab::InvalidArgument& e) {
    const std::string two = e.what();
    const auto at2 = two.find(advice);
    if (at2 != std::string::npos) {
      EXPECT_LE(std::stoul(two.substr(at2 + advice.size())), K) << two;
    }
  }
}

TEST(ExactBudget, SmallTiedSetsStillRun) {
  const damlab::PatternSet set = damlab::rademacher(1, 300, 0.5, 1);
  EXPECT_NO_THROW(damlab::capacity(set, damlab::Separation::rectpoly(3)));
}

}  // namespace
