// The native side of the training parity test (tests/wasm/train.test.mjs):
// trains on a grey asset exactly as the wasm trainClassifier does and prints
// what the test compares, every double with 17 significant digits.
//   damlab_train_native GREY_ASSET OUT_MEMORY_FILE key=value...
// keys: test_per_class, split_seed (the balanced split), and memories, F, n,
// loss_power, epochs, batch, learning_rate, momentum, temperature_initial,
// temperature_final, temperature_ramp_epochs, seed, threads (TrainingOptions).
// Output lines: "epoch E T lr loss train_error test_error" per epoch, then
// "train_error X", "test_error X" and "predictions D,..." (the test images').
// test_per_class=0 (the default) trains on every image without a test set
// (test_error nan, no predictions). Each epoch's wall time goes to stderr.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string>

#include "damlab/data/grey_asset.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/data/memory_file.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/train/trainer.hpp"

int main(int argc, char** argv) try {
  using namespace damlab;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s GREY_ASSET OUT_MEMORY_FILE key=value...\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), {}};
  const GreyImages grey = parse_grey_asset(bytes);

  TrainingOptions o;
  std::size_t test_per_class = 0;
  std::uint64_t split_seed = 1;
  for (int k = 3; k < argc; ++k) {
    const std::string arg = argv[k], key = arg.substr(0, arg.find('=')),
                      value = arg.substr(arg.find('=') + 1);
    const double x = std::strtod(value.c_str(), nullptr);
    const auto whole = static_cast<std::size_t>(x);
    if (key == "test_per_class") test_per_class = whole;
    else if (key == "split_seed") split_seed = whole;
    else if (key == "memories") o.memories = whole;
    else if (key == "F") o.f.kind = value == "exp" ? TrainingF::Kind::exp : TrainingF::Kind::rectpoly;
    else if (key == "n") o.f.degree = static_cast<unsigned>(whole);
    else if (key == "loss_power") o.loss_power = static_cast<unsigned>(whole);
    else if (key == "epochs") o.epochs = whole;
    else if (key == "batch") o.batch = whole;
    else if (key == "learning_rate") o.learning_rate = x;
    else if (key == "momentum") o.momentum = x;
    else if (key == "temperature_initial") o.temperature_initial = x;
    else if (key == "temperature_final") o.temperature_final = x;
    else if (key == "temperature_ramp_epochs") o.temperature_ramp_epochs = whole;
    else if (key == "seed") o.seed = whole;
    else if (key == "threads") o.threads = whole;
    else {
      std::fprintf(stderr, "unknown key %s\n", key.c_str());
      return 2;
    }
  }

  std::size_t classes = 2;
  for (const auto label : grey.labels) classes = std::max<std::size_t>(classes, label + 1u);
  std::vector<std::uint32_t> train_indices(grey.count()), test_indices;
  for (std::size_t a = 0; a < grey.count(); ++a) train_indices[a] = static_cast<std::uint32_t>(a);
  if (test_per_class > 0) {
    LabelledSplit split = balanced_split(grey.labels, test_per_class, split_seed);
    train_indices = std::move(split.train);
    test_indices = std::move(split.test);
  }
  const auto train_images = unit_pixels(grey, train_indices);
  const auto train_labels = labels_at(grey, train_indices);
  const auto test_images = unit_pixels(grey, test_indices);
  const auto test_labels = labels_at(grey, test_indices);
  const LabelledView train{train_images, train_labels, grey.pixels, classes};
  const LabelledView test{test_images, test_labels, grey.pixels, classes};
  const bool has_test = !test_indices.empty();

  using clock = std::chrono::steady_clock;
  auto start = clock::now();
  const TrainingResult result = train_classifier(
      train, has_test ? &test : nullptr, o, {}, [&](std::size_t epoch, const EpochStats&, const TrainedMemories&) {
        const auto now = clock::now();
        std::fprintf(stderr, "epoch %zu: %.3f s\n", epoch,
                     std::chrono::duration<double>(now - start).count());
        start = now;
      });
  for (std::size_t e = 0; e < result.epochs.size(); ++e) {
    const EpochStats& s = result.epochs[e];
    std::printf("epoch %zu %.17g %.17g %.17g %.17g %.17g\n", e, s.temperature, s.learning_rate,
                s.loss, s.train_error, s.test_error);
  }
  std::printf("train_error %.17g\n", error_rate(result.memories, train, o.threads));
  std::printf("test_error %.17g\n", has_test ? error_rate(result.memories, test, o.threads) : NAN);
  std::printf("predictions ");
  if (has_test)
    for (const auto p : predictions(result.memories, test_images, o.threads)) std::printf("%d,", p);
  std::printf("\n");
  const auto file = encode_memory_file(result.memories);
  std::ofstream(argv[2], std::ios::binary)
      .write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "error: %s\n", e.what());
  return 1;
}
