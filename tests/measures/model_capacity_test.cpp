// The capacity scan of any model: for the DAM models, capacity.hpp's running
// margins give the same Kmax as building the model for every K.
#include "damlab/measures/model_capacity.hpp"

#include <gtest/gtest.h>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::ModelSpec;
using damlab::Rng;

TEST(ModelCapacity, GenericScanEqualsRunningMargins) {
  Rng rng(81);
  for (int trial = 0; trial < 30; ++trial) {
    ModelSpec spec;
    spec.name = trial % 3 == 0 ? "lse" : "dam";
    spec.F = trial % 3 == 1 ? damlab::Separation::rectpoly(2 + static_cast<int>(rng.below(4)))
                            : damlab::Separation::poly(2 + static_cast<int>(rng.below(3)));
    spec.beta = 5 + 20 * rng.uniform();
    const std::size_t N = 8 + rng.below(40);
    const auto set = damlab::rademacher(N, 3 + rng.below(30), 0.5 + 0.3 * rng.uniform(), trial);
    const auto fast = damlab::model_capacity(spec, set, false);
    const auto slow = damlab::model_capacity(spec, set, true);
    ASSERT_EQ(fast.exact.kmax, slow.exact.kmax) << trial;
    EXPECT_EQ(fast.exact.censored, slow.exact.censored);
    EXPECT_EQ(fast.exact.pairwise_hd.distance_sum, slow.exact.pairwise_hd.distance_sum);
  }
}

}  // namespace
