#include "damlab/measures/occlusion.hpp"

#include <gtest/gtest.h>

#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::PatternSet;
using damlab::Rng;

TEST(Occlusion, BlanksTheChosenRegion) {
  PatternSet states(784, 1);
  for (std::size_t i = 0; i < 784; ++i) states.set_sign(0, i, 1);
  Rng rng(1);
  damlab::Occlusion half{14, damlab::OcclusionPosition::top, damlab::OcclusionFill::off};
  PatternSet top = states;
  damlab::occlude(top, half, rng);
  for (std::size_t i = 0; i < 784; ++i) ASSERT_EQ(top.sign(0, i), i < 14 * 28 ? -1 : 1) << i;
  damlab::Occlusion center{4, damlab::OcclusionPosition::center, damlab::OcclusionFill::off};
  PatternSet mid = states;
  damlab::occlude(mid, center, rng);
  std::size_t off = 0;
  for (std::size_t r = 0; r < 28; ++r)
    for (std::size_t c = 0; c < 28; ++c)
      if (mid.sign(0, r * 28 + c) < 0) {
        ++off;
        EXPECT_TRUE(r >= 12 && r < 16 && c >= 12 && c < 16) << r << "," << c;
      }
  EXPECT_EQ(off, 16u);
  damlab::Occlusion bad{5, damlab::OcclusionPosition::center, damlab::OcclusionFill::off};
  PatternSet small(30, 1);
  EXPECT_THROW(damlab::occlude(small, bad, rng), damlab::InvalidArgument);
}

}  // namespace
