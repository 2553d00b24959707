// Minibatch training of the Krotov–Hopfield (2016) classifier: the loss of
// Eq. 14, momentum and the per-memory normalized update of Eq. 13, the
// learning-rate schedule of Eq. 12 and the temperature ramp of Appendix A;
// memories clipped to [-1, 1] after every update.
//
// One seed gives the same memories and curves for every thread count and
// every float path (each sum runs in one fixed order).
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "damlab/train/labelled_view.hpp"
#include "damlab/train/trained_memories.hpp"
#include "damlab/train/training_options.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

struct EpochStats {
  double temperature = 0;    // T of the epoch
  double learning_rate = 0;  // ε of the epoch
  // Mean over the training images of Σ_α (t_α - c_α)^(2m), each image's from
  // the forward pass of its minibatch, before that minibatch's update.
  double loss = 0;
  // Fraction of training images misclassified in those same forward passes
  // (the running training error of the authors' notebook).
  double train_error = 0;
  // Fraction of test images misclassified after the epoch; NaN without a
  // test set.
  double test_error = 0;
};

struct TrainingResult {
  TrainedMemories memories;  // after the last completed epoch
  std::vector<EpochStats> epochs;  // one per completed epoch
  bool cancelled = false;  // progress asked to stop; memories and epochs are
                           // those of the completed epochs (the initial
                           // memories if none completed)
};

// Called after every completed epoch (e from 0) with its statistics and the
// memories after it (so a front end can draw them as they learn).
using EpochCallback = std::function<void(std::size_t epoch, const EpochStats& stats,
                                         const TrainedMemories& memories)>;

// Trains on `train` (test may be null; if given, same pixels and classes).
// progress (may be empty) is called after every minibatch with the fraction
// of all minibatches done; returning false stops at that point.
// Throws InvalidArgument for invalid options or data.
TrainingResult train_classifier(const LabelledView& train, const LabelledView* test,
                                const TrainingOptions& options, const Progress& progress = {},
                                const EpochCallback& on_epoch = {});

// The initial memories of training: K × (N + C) draws of Normal(init_mean,
// init_std) from Rng(seed), memory by memory, clipped to [-1, 1].
TrainedMemories initial_memories(const TrainingOptions& options, std::size_t pixels,
                                 std::size_t classes);

}  // namespace damlab
