#include "damlab/train/loss_gradient.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "damlab/util/error.hpp"
#include "train_reference.hpp"

namespace {

using damlab::TrainingF;

// The exact gradient against central differences of the literal loss.
TEST(LossGradient, MatchesFiniteDifferences) {
  struct Case {
    TrainingF f;
    double T;
    unsigned m;
  };
  const Case cases[] = {{{TrainingF::Kind::rectpoly, 2}, 4.0, 1},
                        {{TrainingF::Kind::rectpoly, 2}, 4.0, 3},
                        {{TrainingF::Kind::rectpoly, 3}, 5.0, 2},
                        {{TrainingF::Kind::exp, 0}, 2.0, 2}};
  std::uint64_t seed = 100;
  for (const auto& c : cases) {
    const auto p = train_reference::random_problem(seed++, 4, 9, 3, 6, c.f, c.T);
    const damlab::LabelledView batch{p.images, p.labels, 9, 3};
    std::vector<double> gradient(4 * 12);
    const auto outcome = damlab::loss_gradient(p.memories, batch, c.m, gradient);
    EXPECT_NEAR(outcome.loss,
                train_reference::loss(p.memories, train_reference::weights(p.memories), p, c.m),
                1e-5 * (1 + outcome.loss));
    const auto expected = train_reference::finite_difference_gradient(p, c.m);
    double largest = 0, worst = 0;
    for (double g : expected) largest = std::max(largest, std::fabs(g));
    for (std::size_t k = 0; k < gradient.size(); ++k)
      worst = std::max(worst, std::fabs(gradient[k] - expected[k]));
    EXPECT_GT(largest, 1e-3) << "a vanishing gradient tests nothing";
    EXPECT_LT(worst, 1e-4 * largest)
        << damlab::to_string(c.f.kind) << " n=" << c.f.degree << " m=" << c.m;
  }
}

// Every float path and thread count gives the same bits.
TEST(LossGradient, SameForEveryPathAndThreadCount) {
  const auto p = train_reference::random_problem(7, 150, 50, 10, 45,
                                                 {TrainingF::Kind::rectpoly, 3}, 20.0);
  const damlab::LabelledView batch{p.images, p.labels, 50, 10};
  std::vector<double> first(150 * 60), other(150 * 60);
  const auto base = damlab::loss_gradient(p.memories, batch, 2, first, 1, damlab::FloatPath::scalar);
  for (auto path : damlab::available_float_paths())
    for (std::size_t threads : {1u, 2u, 5u}) {
      const auto outcome = damlab::loss_gradient(p.memories, batch, 2, other, threads, path);
      EXPECT_EQ(outcome.loss, base.loss);
      EXPECT_EQ(outcome.wrong, base.wrong);
      EXPECT_EQ(other, first) << damlab::to_string(path) << " threads " << threads;
    }
}

TEST(LossGradient, RefusesMismatchedShapes) {
  const auto p = train_reference::random_problem(3, 2, 4, 2, 3, {}, 4.0);
  const damlab::LabelledView batch{p.images, p.labels, 4, 2};
  std::vector<double> wrong_size(5);
  EXPECT_THROW(damlab::loss_gradient(p.memories, batch, 2, wrong_size), damlab::InvalidArgument);
  EXPECT_THROW(damlab::loss_gradient(p.memories, batch, 0, {}), damlab::InvalidArgument);
  const damlab::LabelledView other{p.images, p.labels, 4, 3};
  EXPECT_THROW(damlab::loss_gradient(p.memories, other, 2, {}), damlab::InvalidArgument);
}

}  // namespace
