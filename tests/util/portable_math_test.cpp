#include "damlab/util/portable_math.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "damlab/data/rng.hpp"

namespace {

// Within a few units in the last place (under 1e-15 relative) of the C library's (correctly
// rounded in practice) functions over their useful ranges.
TEST(PortableMath, AgreesWithTheCLibrary) {
  damlab::Rng rng(4);
  for (int k = 0; k < 20000; ++k) {
    const double y = (2 * rng.uniform() - 1) * 25;
    EXPECT_NEAR(damlab::portable_tanh(y), std::tanh(y), 1e-15 * std::fabs(std::tanh(y))) << y;
    const double small = (2 * rng.uniform() - 1) * 1e-3;
    EXPECT_NEAR(damlab::portable_tanh(small), std::tanh(small), 1e-15 * std::fabs(std::tanh(small)));
    const double z = std::exp((2 * rng.uniform() - 1) * 700);
    EXPECT_NEAR(damlab::portable_log(z), std::log(z), 4e-16 * std::fabs(std::log(z)) + 1e-300) << z;
  }
  EXPECT_EQ(damlab::portable_log(1), 0.0);
  EXPECT_EQ(damlab::portable_tanh(0), 0.0);
  EXPECT_EQ(damlab::portable_tanh(30), 1.0);
  EXPECT_EQ(damlab::portable_tanh(-30), -1.0);
  EXPECT_TRUE(std::isinf(damlab::portable_log(0)));
  EXPECT_TRUE(std::isnan(damlab::portable_log(-1)));
}

}  // namespace
