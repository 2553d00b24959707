#include "damlab/train/trainer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "damlab/data/rng.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/train/loss_gradient.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

namespace {

// Memory by memory, value by value, from the one generator of the run.
TrainedMemories draw_initial(const TrainingOptions& o, std::size_t pixels, std::size_t classes,
                             Rng& rng) {
  TrainedMemories m;
  m.memories = o.memories;
  m.pixels = pixels;
  m.classes = classes;
  m.f = o.f;
  m.temperature = o.temperature_at(0);
  m.weights.resize(m.memories * m.width());
  for (float& w : m.weights)
    w = static_cast<float>(std::clamp(o.init_mean + o.init_std * rng.normal(), -1.0, 1.0));
  return m;
}

void check_exp_temperature(const TrainingOptions& o, std::size_t width) {
  if (o.f.kind != TrainingF::Kind::exp) return;
  const std::string allowed = "at least (pixels + classes) / 700 = " +
                              std::to_string(width / 700.0) +
                              " for F = exp (exp(x/T) overflows a double)";
  require(static_cast<double>(width) / o.temperature_initial <= 700, "temperature_initial",
          o.temperature_initial, allowed);
  require(static_cast<double>(width) / o.temperature_final <= 700, "temperature_final",
          o.temperature_final, allowed);
}

// Eq. 13: V <- p V - ∂L/∂ξ, then ξ <- ξ + ε V / max_I |V_I| for each memory
// (the maximum floored at `precision`), clipped to [-1, 1].
void update_memory(const TrainingOptions& o, double epsilon, std::size_t width,
                   const double* gradient, double* velocity, float* weights) {
  double largest = 0;
  for (std::size_t k = 0; k < width; ++k) {
    velocity[k] = o.momentum * velocity[k] - gradient[k];
    largest = std::max(largest, std::fabs(velocity[k]));
  }
  const double step = epsilon / std::max(largest, o.precision);
  for (std::size_t k = 0; k < width; ++k)
    weights[k] = static_cast<float>(
        std::clamp(static_cast<double>(weights[k]) + step * velocity[k], -1.0, 1.0));
}

}  // namespace

TrainedMemories initial_memories(const TrainingOptions& options, std::size_t pixels,
                                 std::size_t classes) {
  options.validate();
  require(pixels >= 1, "pixels", pixels, "at least 1");
  require(classes >= 2 && classes <= 255, "classes", classes, "in [2, 255]");
  Rng rng(options.seed);
  return draw_initial(options, pixels, classes, rng);
}

TrainingResult train_classifier(const LabelledView& train, const LabelledView* test,
                                const TrainingOptions& o, const Progress& progress,
                                const EpochCallback& on_epoch) {
  o.validate();
  train.validate("train");
  if (test) {
    test->validate("test");
    require(test->pixels == train.pixels, "test.pixels", test->pixels,
            "the training set's pixels = " + std::to_string(train.pixels));
    require(test->classes == train.classes, "test.classes", test->classes,
            "the training set's classes = " + std::to_string(train.classes));
  }
  const std::size_t N = train.pixels, C = train.classes, W = N + C, K = o.memories;
  check_exp_temperature(o, W);

  // One generator: the initial memories, then one shuffle per epoch.
  Rng rng(o.seed);
  TrainingResult result;
  TrainedMemories m = draw_initial(o, N, C, rng);
  result.memories = m;

  const std::size_t count = train.count(), batch = std::min(o.batch, count);
  const std::size_t batches = (count + batch - 1) / batch;
  const double total = static_cast<double>(batches) * static_cast<double>(o.epochs);
  std::vector<double> velocity(K * W, 0.0), gradient(K * W);
  std::vector<float> images(batch * N);
  std::vector<std::uint8_t> labels(batch);

  for (std::size_t epoch = 0; epoch < o.epochs; ++epoch) {
    EpochStats stats;
    stats.temperature = o.temperature_at(epoch);
    stats.learning_rate = o.learning_rate_at(epoch);
    m.temperature = stats.temperature;
    const auto order = rng.permutation(static_cast<std::uint32_t>(count));
    double loss = 0;
    std::size_t wrong = 0;
    for (std::size_t b = 0; b < batches; ++b) {
      const std::size_t first = b * batch, size = std::min(batch, count - first);
      for (std::size_t a = 0; a < size; ++a) {
        const std::size_t source = order[first + a];
        std::copy_n(train.images.data() + source * N, N, images.data() + a * N);
        labels[a] = train.labels[source];
      }
      const LabelledView view{std::span<const float>(images.data(), size * N),
                              std::span<const std::uint8_t>(labels.data(), size), N, C};
      const BatchOutcome outcome = loss_gradient(m, view, o.loss_power, gradient, o.threads);
      loss += outcome.loss;
      wrong += outcome.wrong;
      parallel_for(K, o.threads, [&](std::size_t mu) {
        update_memory(o, stats.learning_rate, W, gradient.data() + mu * W,
                      velocity.data() + mu * W, m.weights.data() + mu * W);
      });
      const double done = static_cast<double>(epoch * batches + b + 1) / total;
      if (progress && !progress(done)) {
        result.cancelled = true;
        return result;
      }
    }
    stats.loss = loss / static_cast<double>(count);
    stats.train_error = static_cast<double>(wrong) / static_cast<double>(count);
    stats.test_error = test ? error_rate(m, *test, o.threads)
                            : std::numeric_limits<double>::quiet_NaN();
    result.memories = m;
    result.epochs.push_back(stats);
    if (on_epoch) on_epoch(epoch, stats, result.memories);
  }
  return result;
}

}  // namespace damlab
