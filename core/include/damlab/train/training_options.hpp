// The hyper-parameters of Krotov–Hopfield (2016) training. Every default is
// the authors' (their paper's Eqs. 12-14 and Appendix A, and their public
// MNIST notebook); docs/science.md lists each with its source.
#pragma once

#include <cstddef>
#include <cstdint>

#include "damlab/train/trained_memories.hpp"

namespace damlab {

struct TrainingOptions {
  std::size_t memories = 100;           // K, in [1, 1'000'000]
  TrainingF f;                          // rectpoly of degree n = 20, or exp
  unsigned loss_power = 30;             // m of Eq. 14, in [1, 100]
  std::size_t epochs = 200;             // in [1, 1'000'000]
  std::size_t batch = 1000;             // minibatch size, in [1, 1'000'000]
  double learning_rate = 0.04;          // ε0 of Eq. 12, in (0, 1]
  double learning_rate_decay = 0.998;   // f of Eq. 12, in (0, 1]
  double momentum = 0.6;                // p of Eq. 13, in [0, 1)
  double temperature_initial = 700;     // T at epoch 0, in (0, 1e6]
  double temperature_final = 400;       // T from epoch `ramp` on, in (0, 1e6]
  std::size_t temperature_ramp_epochs = 100;  // in [0, 1'000'000]
  double init_mean = -0.3;              // initial ξ ~ Normal(mean, std), clipped
  double init_std = 0.3;                //   to [-1, 1]: mean in [-1, 1], std in [0, 10]
  double precision = 1e-30;             // floor of the update's normalizer, in (0, 1e-3]
  std::uint64_t seed = 1;               // initial memories and minibatch shuffles
  std::size_t threads = 1;              // in [1, max_threads]; results do not depend on it

  // Throws InvalidArgument naming the field (e.g. "momentum") and its range.
  void validate() const;
  // ε at epoch e (from 0): ε0 f^e (Eq. 12).
  double learning_rate_at(std::size_t epoch) const;
  // T at epoch e: linear from temperature_initial at 0 to temperature_final
  // at temperature_ramp_epochs, then constant.
  double temperature_at(std::size_t epoch) const;
};

}  // namespace damlab
