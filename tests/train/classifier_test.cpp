#include "damlab/train/classifier.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>

#include "damlab/util/error.hpp"
#include "train_reference.hpp"

namespace {

using damlab::TrainingF;

struct FCase {
  TrainingF f;
  double T;
};

std::vector<FCase> f_cases() {
  return {{{TrainingF::Kind::rectpoly, 2}, 6.0},
          {{TrainingF::Kind::rectpoly, 3}, 6.0},
          {{TrainingF::Kind::rectpoly, 20}, 12.0},
          {{TrainingF::Kind::exp, 0}, 3.0}};
}

// Eq. 9 against its literal form, on random problems with many tiles.
TEST(Classifier, LabelUpdateMatchesLiteralFormula) {
  std::uint64_t seed = 1;
  for (const auto& fc : f_cases())
    for (std::size_t K : {1u, 5u, 70u}) {
      const auto p = train_reference::random_problem(seed++, K, 37, 4, 21, fc.f, fc.T);
      const auto expected = train_reference::scores(p.memories, train_reference::weights(p.memories),
                                                    p.images);
      for (auto path : damlab::available_float_paths())
        for (std::size_t threads : {1u, 3u}) {
          const auto got = damlab::label_scores(p.memories, p.images, threads, path);
          ASSERT_EQ(got.size(), expected.size());
          double worst = 0;
          for (std::size_t k = 0; k < got.size(); ++k)
            worst = std::max(worst, std::fabs(got[k] - expected[k]));
          // h is a float sum; c is at most ~1e-5 from the double formula.
          EXPECT_LT(worst, 2e-5) << damlab::to_string(fc.f.kind) << " n=" << fc.f.degree
                                 << " K=" << K;
          // Not all saturated: the comparison means something.
          std::size_t inner = 0;
          for (double c : expected) inner += std::fabs(c) < 0.99;
          EXPECT_GT(inner, expected.size() / 10) << damlab::to_string(fc.f.kind) << " K=" << K;
        }
    }
}

TEST(Classifier, PredictionsAndErrorRateFollowTheScores) {
  const auto p = train_reference::random_problem(9, 30, 20, 5, 40,
                                                 {TrainingF::Kind::rectpoly, 3}, 5.0);
  const auto scores = damlab::label_scores(p.memories, p.images);
  const auto predicted = damlab::predictions(p.memories, p.images);
  std::size_t wrong = 0;
  for (std::size_t a = 0; a < p.labels.size(); ++a) {
    std::size_t best = 0;
    for (std::size_t alpha = 1; alpha < 5; ++alpha)
      if (scores[a * 5 + alpha] > scores[a * 5 + best]) best = alpha;
    EXPECT_EQ(predicted[a], best);
    wrong += best != p.labels[a];
  }
  const damlab::LabelledView view{p.images, p.labels, 20, 5};
  EXPECT_DOUBLE_EQ(damlab::error_rate(p.memories, view), wrong / 40.0);
}

TEST(Classifier, TemperatureTooLowIsRefused) {
  auto p = train_reference::random_problem(2, 3, 10, 2, 2, {TrainingF::Kind::exp, 0}, 0.001);
  try {
    damlab::label_scores(p.memories, p.images);
    FAIL() << "no error";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "temperature");
  }
  p.memories.f = {TrainingF::Kind::rectpoly, 100};
  p.memories.temperature = 1e-4;
  EXPECT_THROW(damlab::label_scores(p.memories, p.images), damlab::InvalidArgument);
}

TEST(Classifier, PixelValuesOutsideTheRangeAreRefused) {
  auto p = train_reference::random_problem(3, 4, 10, 2, 3, {TrainingF::Kind::rectpoly, 3}, 5.0);
  for (const float bad : {1.5f, -1.01f, std::numeric_limits<float>::quiet_NaN()}) {
    p.images[12] = bad;
    for (const auto& call : {std::function<void()>([&] { damlab::predictions(p.memories, p.images); }),
                             std::function<void()>([&] { damlab::label_scores(p.memories, p.images); })}) {
      try {
        call();
        FAIL() << "no error for " << bad;
      } catch (const damlab::InvalidArgument& e) {
        EXPECT_EQ(e.field(), "images[12]");
      }
    }
  }
}

// The memories' check names the first bad value (its name is built only then).
TEST(Classifier, MemoryValuesOutsideTheRangeAreRefused) {
  auto p = train_reference::random_problem(3, 4, 10, 2, 3, {TrainingF::Kind::rectpoly, 3}, 5.0);
  for (const float bad : {1.5f, -1.01f, std::numeric_limits<float>::quiet_NaN()}) {
    p.memories.weights[7] = bad;
    try {
      p.memories.validate();
      FAIL() << "no error for " << bad;
    } catch (const damlab::InvalidArgument& e) {
      EXPECT_EQ(e.field(), "weights[7]");
    }
    p.memories.weights[7] = 0;
    EXPECT_NO_THROW(p.memories.validate());
  }
}

}  // namespace
