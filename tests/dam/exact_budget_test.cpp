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

TEST(ExactBudget, SmallTiedSetsStillRun) {
  const damlab::PatternSet set = damlab::rademacher(1, 300, 0.5, 1);
  EXPECT_NO_THROW(damlab::capacity(set, damlab::Separation::rectpoly(3)));
}

}  // namespace
