#include "damlab/train/training_options.hpp"

#include <cmath>

#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

namespace {

constexpr std::size_t million = 1'000'000;

void require_between(double value, double low, double high, const char* field,
                     const char* allowed) {
  require(value >= low && value <= high, field, value, allowed);
}

}  // namespace

void TrainingOptions::validate() const {
  require(memories >= 1 && memories <= million, "memories", memories, "in [1, 1000000]");
  f.validate("F");
  require(loss_power >= 1 && loss_power <= 100, "loss_power", loss_power, "in [1, 100]");
  require(epochs >= 1 && epochs <= million, "epochs", epochs, "in [1, 1000000]");
  require(batch >= 1 && batch <= million, "batch", batch, "in [1, 1000000]");
  require(learning_rate > 0 && learning_rate <= 1, "learning_rate", learning_rate, "in (0, 1]");
  require(learning_rate_decay > 0 && learning_rate_decay <= 1, "learning_rate_decay",
          learning_rate_decay, "in (0, 1]");
  require(momentum >= 0 && momentum < 1, "momentum", momentum, "in [0, 1)");
  require(temperature_initial > 0 && temperature_initial <= 1e6, "temperature_initial",
          temperature_initial, "in (0, 1e6]");
  require(temperature_final > 0 && temperature_final <= 1e6, "temperature_final",
          temperature_final, "in (0, 1e6]");
  require(temperature_ramp_epochs <= million, "temperature_ramp_epochs",
          temperature_ramp_epochs, "in [0, 1000000]");
  require_between(init_mean, -1, 1, "init_mean", "in [-1, 1]");
  require_between(init_std, 0, 10, "init_std", "in [0, 10]");
  require(precision > 0 && precision <= 1e-3, "precision", precision, "in (0, 1e-3]");
  require(threads >= 1 && threads <= max_threads, "threads", threads,
          "in [1, " + std::to_string(max_threads) + "]");
}

double TrainingOptions::learning_rate_at(std::size_t epoch) const {
  // f^epoch by repeated squaring (exact IEEE products, unlike pow, whose last
  // bit differs between C libraries).
  double power = 1, base = learning_rate_decay;
  for (std::size_t e = epoch; e != 0; e >>= 1) {
    if (e & 1) power *= base;
    base *= base;
  }
  return learning_rate * power;
}

double TrainingOptions::temperature_at(std::size_t epoch) const {
  if (epoch >= temperature_ramp_epochs) return temperature_final;
  return temperature_initial + (temperature_final - temperature_initial) *
                                   static_cast<double>(epoch) /
                                   static_cast<double>(temperature_ramp_epochs);
}

}  // namespace damlab
