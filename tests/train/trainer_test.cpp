#include "damlab/train/trainer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "damlab/data/rng.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::LabelledView;
using damlab::TrainingF;
using damlab::TrainingOptions;

// Noisy copies of one random ±1 prototype per class.
struct Prototypes {
  std::vector<float> images;
  std::vector<std::uint8_t> labels;
  LabelledView view(std::size_t N, std::size_t C) const { return {images, labels, N, C}; }
};

Prototypes prototypes(std::uint64_t seed, std::size_t N, std::size_t C, std::size_t count,
                      double flip, std::uint64_t noise_seed = 0) {
  damlab::Rng rng(seed);
  std::vector<float> proto(C * N);
  for (float& v : proto) v = rng.bernoulli(0.5) ? 1.0f : -1.0f;
  if (noise_seed != 0) rng = damlab::Rng(noise_seed);
  Prototypes p;
  for (std::size_t a = 0; a < count; ++a) {
    const auto label = static_cast<std::uint8_t>(a % C);
    p.labels.push_back(label);
    for (std::size_t i = 0; i < N; ++i) {
      const float v = proto[label * N + i];
      p.images.push_back(rng.bernoulli(flip) ? -v : v);
    }
  }
  return p;
}

TrainingOptions small_options() {
  TrainingOptions o;
  o.memories = 12;
  o.f = {TrainingF::Kind::rectpoly, 3};
  o.loss_power = 2;
  o.epochs = 30;
  o.batch = 20;
  o.temperature_initial = 30;
  o.temperature_final = 20;
  o.temperature_ramp_epochs = 10;
  o.seed = 5;
  return o;
}

TEST(Trainer, LowersTheLoss) {
  const auto data = prototypes(1, 40, 4, 120, 0.25);
  const auto test = prototypes(1, 40, 4, 60, 0.25, 99);  // same prototypes, other noise
  const auto train_view = data.view(40, 4), test_view = test.view(40, 4);
  const auto result = damlab::train_classifier(train_view, &test_view, small_options());
  ASSERT_EQ(result.epochs.size(), 30u);
  EXPECT_FALSE(result.cancelled);
  EXPECT_LT(result.epochs.back().loss, 0.5 * result.epochs.front().loss);
  EXPECT_LE(result.epochs.back().train_error, result.epochs.front().train_error);
  EXPECT_LT(result.epochs.back().train_error, 0.1);
  EXPECT_FALSE(std::isnan(result.epochs.back().test_error));
  EXPECT_EQ(result.memories.temperature, 20);
  for (float w : result.memories.weights) {
    EXPECT_GE(w, -1.0f);
    EXPECT_LE(w, 1.0f);
  }
  // The schedule of Eq. 12 and the ramp.
  EXPECT_DOUBLE_EQ(result.epochs[0].temperature, 30);
  EXPECT_DOUBLE_EQ(result.epochs[5].temperature, 25);
  EXPECT_DOUBLE_EQ(result.epochs[12].temperature, 20);
  EXPECT_NEAR(result.epochs[3].learning_rate, 0.04 * std::pow(0.998, 3), 1e-16);
}

// The paper's XOR example: four points, label x1 XOR x2 (two label
// neurons), learned with no error from every seed tried: K = 10, n = 3,
// T = 2 and otherwise the paper's defaults (m = 30, ε0, f, p, the initial
// memories).
TEST(Trainer, LearnsXor) {
  const std::vector<float> images{-1, -1, -1, 1, 1, -1, 1, 1};
  const std::vector<std::uint8_t> labels{0, 1, 1, 0};
  const LabelledView xor_view{images, labels, 2, 2};
  TrainingOptions o;
  o.memories = 10;
  o.f = {TrainingF::Kind::rectpoly, 3};
  o.epochs = 300;
  o.batch = 4;
  o.temperature_initial = o.temperature_final = 2;
  o.temperature_ramp_epochs = 0;
  for (std::uint64_t seed = 1; seed <= 10; ++seed) {
    o.seed = seed;
    const auto result = damlab::train_classifier(xor_view, nullptr, o);
    EXPECT_TRUE(std::isnan(result.epochs.back().test_error));
    EXPECT_EQ(damlab::error_rate(result.memories, xor_view), 0) << "seed " << seed;
    EXPECT_EQ(result.epochs.back().train_error, 0) << "seed " << seed;
  }
}

TEST(Trainer, SameResultForEveryThreadCount) {
  const auto data = prototypes(2, 100, 10, 90, 0.3);
  const auto view = data.view(100, 10);
  auto o = small_options();
  o.memories = 140;  // several memory tiles
  o.batch = 40;      // several sample blocks, and a short last batch
  o.epochs = 3;
  o.threads = 1;
  const auto one = damlab::train_classifier(view, &view, o);
  o.threads = 2;
  const auto two = damlab::train_classifier(view, &view, o);
  ASSERT_EQ(one.memories.weights.size(), two.memories.weights.size());
  EXPECT_EQ(std::memcmp(one.memories.weights.data(), two.memories.weights.data(),
                        one.memories.weights.size() * sizeof(float)),
            0);
  ASSERT_EQ(one.epochs.size(), two.epochs.size());
  for (std::size_t e = 0; e < one.epochs.size(); ++e) {
    EXPECT_EQ(one.epochs[e].loss, two.epochs[e].loss);
    EXPECT_EQ(one.epochs[e].train_error, two.epochs[e].train_error);
    EXPECT_EQ(one.epochs[e].test_error, two.epochs[e].test_error);
  }
  o.seed = 6;
  const auto other = damlab::train_classifier(view, &view, o);
  EXPECT_NE(other.memories.weights, one.memories.weights);
}

TEST(Trainer, InitialMemoriesAreTheSeededNormalDraws) {
  TrainingOptions o;
  o.memories = 200;
  const auto m = damlab::initial_memories(o, 30, 3);
  ASSERT_EQ(m.weights.size(), 200u * 33u);
  damlab::Rng rng(o.seed);
  double sum = 0, squares = 0;
  for (float w : m.weights) {
    EXPECT_EQ(w, static_cast<float>(std::clamp(-0.3 + 0.3 * rng.normal(), -1.0, 1.0)));
    sum += w;
    squares += w * w;
  }
  const double n = static_cast<double>(m.weights.size());
  EXPECT_NEAR(sum / n, -0.3, 0.02);
  EXPECT_NEAR(std::sqrt(squares / n - (sum / n) * (sum / n)), 0.3, 0.02);
}

TEST(Trainer, CancelKeepsTheCompletedEpochs) {
  const auto data = prototypes(3, 20, 2, 40, 0.2);
  const auto view = data.view(20, 2);
  auto o = small_options();
  o.epochs = 5;
  o.batch = 10;  // four minibatches per epoch
  int calls = 0;
  const auto result = damlab::train_classifier(view, nullptr, o, [&](double fraction) {
    EXPECT_GT(fraction, 0);
    EXPECT_LE(fraction, 1);
    return ++calls < 10;
  });
  EXPECT_TRUE(result.cancelled);
  EXPECT_EQ(result.epochs.size(), 2u);
  o.epochs = 2;
  EXPECT_EQ(damlab::train_classifier(view, nullptr, o).memories.weights,
            result.memories.weights);
}

// on_epoch gets each epoch's stats and the memories after it: those a run of
// that many epochs ends with (the schedules depend on the epoch only).
TEST(Trainer, EpochCallbackGetsTheMemoriesAfterEachEpoch) {
  const auto data = prototypes(4, 20, 2, 40, 0.2);
  const auto view = data.view(20, 2);
  auto o = small_options();
  o.epochs = 3;
  std::vector<std::vector<float>> seen;
  std::vector<double> losses;
  const auto result = damlab::train_classifier(
      view, nullptr, o, {},
      [&](std::size_t epoch, const damlab::EpochStats& stats, const damlab::TrainedMemories& m) {
        EXPECT_EQ(epoch, seen.size());
        EXPECT_EQ(m.temperature, stats.temperature);
        seen.push_back(m.weights);
        losses.push_back(stats.loss);
      });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[2], result.memories.weights);
  EXPECT_NE(seen[0], seen[1]);
  for (std::size_t e = 0; e < 3; ++e) EXPECT_EQ(losses[e], result.epochs[e].loss);
  o.epochs = 2;
  EXPECT_EQ(damlab::train_classifier(view, nullptr, o).memories.weights, seen[1]);
}

// Each bad option is refused with its field and its range.
TEST(Trainer, OptionsAreValidated) {
  const auto expect_refused = [](TrainingOptions o, const std::string& field,
                                 const std::string& range) {
    try {
      o.validate();
      ADD_FAILURE() << field << " accepted";
    } catch (const damlab::InvalidArgument& e) {
      EXPECT_EQ(e.field(), field);
      EXPECT_NE(std::string(e.what()).find(range), std::string::npos) << e.what();
    }
  };
  const TrainingOptions ok;
  EXPECT_NO_THROW(ok.validate());
  auto o = ok;
  o.memories = 0;
  expect_refused(o, "memories", "in [1, 1000000]");
  o = ok;
  o.f.degree = 0;
  expect_refused(o, "F.degree", "in [1, 100]");
  o = ok;
  o.loss_power = 0;
  expect_refused(o, "loss_power", "in [1, 100]");
  o = ok;
  o.epochs = 0;
  expect_refused(o, "epochs", "in [1, 1000000]");
  o = ok;
  o.batch = 0;
  expect_refused(o, "batch", "in [1, 1000000]");
  o = ok;
  o.learning_rate = 0;
  expect_refused(o, "learning_rate", "in (0, 1]");
  o = ok;
  o.learning_rate_decay = 1.5;
  expect_refused(o, "learning_rate_decay", "in (0, 1]");
  o = ok;
  o.momentum = 1;
  expect_refused(o, "momentum", "in [0, 1)");
  o = ok;
  o.temperature_initial = -1;
  expect_refused(o, "temperature_initial", "in (0, 1e6]");
  o = ok;
  o.temperature_final = NAN;
  expect_refused(o, "temperature_final", "in (0, 1e6]");
  o = ok;
  o.init_mean = 2;
  expect_refused(o, "init_mean", "in [-1, 1]");
  o = ok;
  o.init_std = -0.1;
  expect_refused(o, "init_std", "in [0, 10]");
  o = ok;
  o.precision = 0;
  expect_refused(o, "precision", "in (0, 1e-3]");
  o = ok;
  o.threads = 0;
  expect_refused(o, "threads", "in [1, 1024]");
}

TEST(Trainer, DataIsValidated) {
  const auto data = prototypes(4, 8, 2, 6, 0.1);
  auto bad = data;
  bad.images[3] = 1.5f;
  const auto bad_view = bad.view(8, 2);
  try {
    damlab::train_classifier(bad_view, nullptr, small_options());
    FAIL() << "accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "train.images[3]");
  }
  bad = data;
  bad.labels[1] = 2;
  const auto label_view = bad.view(8, 2);
  EXPECT_THROW(damlab::train_classifier(label_view, nullptr, small_options()),
               damlab::InvalidArgument);
  const auto good = data.view(8, 2);
  const auto other = data.view(4, 2);
  try {
    damlab::train_classifier(good, &other, small_options());
    FAIL() << "accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "test.images");
  }
  auto o = small_options();
  o.f = {TrainingF::Kind::exp, 0};
  o.temperature_final = 0.001;
  try {
    damlab::train_classifier(good, nullptr, o);
    FAIL() << "accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "temperature_final");
  }
}

}  // namespace
