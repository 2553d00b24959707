// Train specs: every field out of range refused with its path, defaults from
// TrainingOptions, the normalized form parsing to itself; the labelled data
// loaded from IDX pairs; the budget's advice; a tiny run's record and memory
// file.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "damlab/data/memory_file.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/labelled_source.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/train_record.hpp"
#include "damlab/experiment/trained_source.hpp"
#include "damlab/data/grey_asset.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace {

using damlab::Json;

// The field and message of the error parse_spec_text throws for a train
// spec with `data`, `model` and `train` sections ("(no error)" when none).
std::pair<std::string, std::string> error_of(const std::string& data, const std::string& model,
                                             const std::string& train) {
  try {
    damlab::parse_spec_text(R"({"measure": "train", "data": )" + data + R"(, "model": )" + model +
                            R"(, "train": )" + train + "}");
  } catch (const damlab::InvalidArgument& e) {
    return {e.field(), e.what()};
  }
  return {"(no error)", ""};
}

std::string train_field(const std::string& train) {
  return error_of(R"({"source": "mnist"})", "{}", train).first;
}

TEST(TrainSpec, EveryTrainFieldOutOfRangeIsNamed) {
  EXPECT_EQ(train_field("{}"), "(no error)");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {R"({"memories": 0})", "train.memories"},
      {R"({"memories": 1000001})", "train.memories"},
      {R"({"loss_power": 0})", "train.loss_power"},
      {R"({"loss_power": 101})", "train.loss_power"},
      {R"({"epochs": 0})", "train.epochs"},
      {R"({"batch": 0})", "train.batch"},
      {R"({"learning_rate": 0})", "train.learning_rate"},
      {R"({"learning_rate": 1.5})", "train.learning_rate"},
      {R"({"learning_rate_decay": 0})", "train.learning_rate_decay"},
      {R"({"learning_rate_decay": 1.01})", "train.learning_rate_decay"},
      {R"({"momentum": -0.1})", "train.momentum"},
      {R"({"momentum": 1})", "train.momentum"},
      {R"({"temperature_initial": 0})", "train.temperature_initial"},
      {R"({"temperature_final": 2e6})", "train.temperature_final"},
      {R"({"temperature_ramp_epochs": 2000000})", "train.temperature_ramp_epochs"},
      {R"({"init_mean": -1.5})", "train.init_mean"},
      {R"({"init_std": -1})", "train.init_std"},
      {R"({"init_std": 11})", "train.init_std"},
      {R"({"precision": 0})", "train.precision"},
      {R"({"precision": 0.01})", "train.precision"},
      {R"({"seed": 9007199254740992})", "train.seed"},
      {R"({"seed": -1})", "train.seed"},
      {R"({"threads": 0})", "train.threads"},
      {R"({"threads": 1025})", "train.threads"},
      {R"({"epochs": 2.5})", "train.epochs"},
      {R"({"momentum": "high"})", "train.momentum"},
      {R"({"epoch": 3})", "train.epoch"},
  };
  for (const auto& [train, field] : cases) EXPECT_EQ(train_field(train), field) << train;
  // The message names the path and the range.
  EXPECT_EQ(error_of(R"({"source": "mnist"})", "{}", R"({"momentum": 1})").second,
            "train.momentum = 1: must be in [0, 1)");
}

TEST(TrainSpec, DataAndModelFieldsAreNamed) {
  const auto field = [](const std::string& data, const std::string& model = "{}") {
    return error_of(data, model, "{}").first;
  };
  EXPECT_EQ(field(R"({"source": "mnist", "test_per_class": 0})"), "data.test_per_class");
  EXPECT_EQ(field(R"({"source": "mnist", "test_per_class": 10001})"), "data.test_per_class");
  EXPECT_EQ(field(R"({"source": "mnist", "seed": -1})"), "data.seed");
  EXPECT_EQ(field(R"({"source": "mnist", "train": -1})"), "data.train");
  EXPECT_EQ(field(R"({"source": "mnist", "test": 5})"), "data.test");
  EXPECT_EQ(field(R"({"source": "fashion-mnist", "test_per_class": 5})"), "data.test_per_class");
  EXPECT_EQ(field(R"({"source": "fashion-mnist", "test": 100})"), "(no error)");
  EXPECT_EQ(field(R"({"source": "idx", "labels": "l"})"), "data.images");
  EXPECT_EQ(field(R"({"source": "idx", "images": "i"})"), "data.labels");
  EXPECT_EQ(field(R"({"source": "idx", "images": "", "labels": "l"})"), "data.images");
  EXPECT_EQ(field(R"({"source": "idx", "images": "i", "labels": "l", "test_images": "t"})"),
            "data.test_labels");
  EXPECT_EQ(field(R"({"source": "idx", "images": "i", "labels": "l", "test": 3})"), "data.test");
  EXPECT_EQ(field(R"({"source": "rademacher", "N": 10, "S": 3, "p": 0.5})"), "data.source");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"F": "poly", "n": 3})"), "model.F");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"F": "rectpoly", "n": 0})"), "model.n");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"F": "rectpoly", "n": 101})"), "model.n");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"F": "exp", "n": 3})"), "model.n");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"F": "exp", "beta": 1})"), "model.beta");
  EXPECT_EQ(field(R"({"source": "mnist"})", R"({"name": "dam"})"), "model.name");
  // Sections of other measures.
  EXPECT_EQ(damlab::parse_spec_text(R"({"measure": "train", "data": {"source": "mnist"}})").training.memories,
            damlab::TrainingOptions{}.memories);
  try {
    damlab::parse_spec_text(R"({"data": {"source": "mnist"}, "train": {}})");
    ADD_FAILURE() << "a train section for measure = capacity";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "train");
  }
}

TEST(TrainSpec, DefaultsAreTrainingOptionsAndTheNormalFormParsesToItself) {
  const auto spec = damlab::parse_spec_text(R"({"measure": "train", "data": {"source": "mnist"}})");
  const damlab::TrainingOptions defaults;
  EXPECT_EQ(spec.training.f, defaults.f);
  EXPECT_EQ(spec.training.epochs, defaults.epochs);
  EXPECT_EQ(spec.training.learning_rate, defaults.learning_rate);
  EXPECT_EQ(spec.training.temperature_final, defaults.temperature_final);
  EXPECT_EQ(spec.labelled.test_per_class, 100u);
  const Json json = damlab::to_json(spec);
  EXPECT_EQ(json["model"], (Json{{"F", "rectpoly"}, {"n", defaults.f.degree}}));
  EXPECT_EQ(json["train"]["momentum"], defaults.momentum);
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(json)), json);
  for (const std::string text :
       {R"({"measure": "train", "data": {"source": "fashion-mnist", "train": 5, "test": 7}, "model": {"F": "exp"}})",
        R"({"measure": "train", "data": {"source": "idx", "images": "a", "labels": "b", "test_images": "c", "test_labels": "d"}})"}) {
    const Json normal = damlab::to_json(damlab::parse_spec_text(text));
    EXPECT_EQ(damlab::to_json(damlab::parse_spec(normal)), normal) << text;
  }
}

// An IDX file of unsigned bytes with the given dimensions.
std::vector<std::uint8_t> idx_file(const std::vector<std::uint32_t>& dims,
                                   const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> out = {0, 0, 8, static_cast<std::uint8_t>(dims.size())};
  for (const auto d : dims)
    for (int k = 3; k >= 0; --k) out.push_back(static_cast<std::uint8_t>(d >> (8 * k)));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

TEST(LabelledSource, IdxPairsScaledCountedAndChecksummed) {
  const std::vector<std::uint8_t> pixels = {0, 255, 51, 204, 102, 153, 0, 0, 255, 255, 10, 20};
  damlab::FileBytes files = {{"i", idx_file({3, 2, 2}, pixels)},
                             {"l", idx_file({3}, {0, 2, 1})},
                             {"ti", idx_file({1, 2, 2}, {255, 0, 255, 0})},
                             {"tl", idx_file({1}, {1})}};
  auto spec = damlab::parse_spec_text(
      R"({"measure": "train", "data": {"source": "idx", "images": "i", "labels": "l", "test_images": "ti", "test_labels": "tl", "train": 2}})");
  const auto data = damlab::load_labelled(spec.labelled, files);
  EXPECT_EQ(data.pixels, 4u);
  EXPECT_EQ(data.classes, 3u);  // labels up to 2
  ASSERT_EQ(data.train_labels, (std::vector<std::uint8_t>{0, 2}));
  ASSERT_EQ(data.test_labels, (std::vector<std::uint8_t>{1}));
  ASSERT_EQ(data.train_images.size(), 8u);
  for (std::size_t k = 0; k < 8; ++k) EXPECT_NEAR(data.train_images[k], 2.0 * pixels[k] / 255 - 1, 1e-7);
  damlab::Fnv1a64 hash;
  hash.add(std::span(pixels).first(8));
  hash.add(std::vector<std::uint8_t>{0, 2});
  hash.add(std::vector<std::uint8_t>{255, 0, 255, 0, 1});
  EXPECT_EQ(data.checksum, damlab::hex64(hash.value));
  // Counts above the files', mismatched pairs and a single class are refused.
  spec.labelled.train = 4;
  try {
    damlab::load_labelled(spec.labelled, files);
    ADD_FAILURE() << "data.train above the file";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "data.train");
  }
  spec.labelled.train = 0;
  files["l"] = idx_file({2}, {0, 1});
  EXPECT_THROW(damlab::load_labelled(spec.labelled, files), damlab::DataError);
  files["l"] = idx_file({3}, {0, 0, 0});
  files["tl"] = idx_file({1}, {0});
  EXPECT_THROW(damlab::load_labelled(spec.labelled, files), damlab::DataError);
}

// data.validation_per_class: a balanced hold-out of the training part is
// evaluated instead of the test digits, which are read by nothing.
TEST(LabelledSource, ValidationIsHeldOutOfTheTrainingPartNotTheTestDigits) {
  damlab::GreyImages grey;
  grey.pixels = 1;
  for (std::uint8_t k = 0; k < 30; ++k) {  // one pixel per item: its index, to identify it
    grey.bytes.push_back(k);
    grey.labels.push_back(k % 3);
  }
  grey.source = "thirty";
  const damlab::FileBytes files = {{damlab::mnist_grey_asset, damlab::pack_grey_asset(grey)}};
  const auto item = [](float unit) { return static_cast<int>(std::lround((unit + 1) * 255 / 2)); };
  const auto spec_of = [](const std::string& extra) {
    return damlab::parse_spec_text(
        R"({"measure": "train", "data": {"source": "mnist", "test_per_class": 2, "seed": 5)" + extra + "}}");
  };
  const auto plain = damlab::load_labelled(spec_of("").labelled, files);
  const auto held = damlab::load_labelled(spec_of(R"(, "validation_per_class": 3)").labelled, files);
  std::set<int> test, train, validation;
  for (const float v : plain.test_images) test.insert(item(v));
  for (const float v : held.train_images) train.insert(item(v));
  for (const float v : held.test_images) validation.insert(item(v));
  ASSERT_EQ(test.size(), 6u);
  EXPECT_EQ(train.size(), 15u);
  EXPECT_EQ(validation.size(), 9u);
  std::array<int, 3> per_class{};
  for (const int k : validation) {
    EXPECT_FALSE(test.count(k)) << k;
    EXPECT_FALSE(train.count(k)) << k;
    ++per_class[grey.labels[k]];
  }
  EXPECT_EQ(per_class, (std::array<int, 3>{3, 3, 3}));
  for (const int k : train) EXPECT_FALSE(test.count(k)) << k;
  EXPECT_NE(held.source.find("validation"), std::string::npos);
  // data.train takes a prefix of what validation leaves; the normal form keeps the field.
  const auto spec = spec_of(R"(, "validation_per_class": 3, "train": 4)");
  EXPECT_EQ(damlab::load_labelled(spec.labelled, files).train_labels.size(), 4u);
  const Json normal = damlab::to_json(spec);
  EXPECT_EQ(normal["data"]["validation_per_class"], 3);
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(normal)), normal);
  EXPECT_FALSE(damlab::to_json(spec_of("")).at("data").contains("validation_per_class"));
  // Each class has 8 training items: 8 is one too many to hold out.
  try {
    damlab::load_labelled(spec_of(R"(, "validation_per_class": 8)").labelled, files);
    ADD_FAILURE() << "validation_per_class = 8 accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "data.validation_per_class");
    EXPECT_EQ(std::string(e.what()).rfind("data.validation_per_class = 8: must be below the 8 items", 0), 0u)
        << e.what();
  }
  EXPECT_EQ(error_of(R"({"source": "mnist", "validation_per_class": 10001})", "{}", "{}").first,
            "data.validation_per_class");
  EXPECT_EQ(error_of(R"({"source": "fashion-mnist", "validation_per_class": 1})", "{}", "{}").first,
            "data.validation_per_class");
}

TEST(TrainBudget, RefusesAndAdvisesTheMostEpochs) {
  auto spec = damlab::parse_spec_text(
      R"({"measure": "train", "data": {"source": "mnist"}, "train": {"memories": 2000, "epochs": 100000}})");
  try {
    damlab::check_train_budget(spec, 9000, 794);
    ADD_FAILURE() << "no refusal";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "train.epochs");
    // 2^45 / (2000 × 794 × 9000) = 2461.9
    EXPECT_NE(std::string(e.what()).find("train.epochs can be at most 2461"), std::string::npos) << e.what();
  }
  spec.training.epochs = 2461;
  EXPECT_NO_THROW(damlab::check_train_budget(spec, 9000, 794));
  spec.training.epochs = 2462;
  EXPECT_THROW(damlab::check_train_budget(spec, 9000, 794), damlab::InvalidArgument);
}

// A run on a tiny IDX pair: the record's curves and the memory file agree
// with what the trainer returns, and the run is deterministic.
TEST(TrainRecord, RecordAndMemoryFile) {
  std::vector<std::uint8_t> pixels, labels;
  for (int k = 0; k < 40; ++k) {
    const int label = k % 2;
    for (int i = 0; i < 16; ++i) pixels.push_back(static_cast<std::uint8_t>((i < 8) == (label == 0) ? 230 : 20));
    labels.push_back(static_cast<std::uint8_t>(label));
  }
  const damlab::FileBytes files = {{"i", idx_file({40, 4, 4}, pixels)}, {"l", idx_file({40}, labels)}};
  const auto spec = damlab::parse_spec_text(
      R"({"measure": "train", "data": {"source": "idx", "images": "i", "labels": "l"}, "model": {"n": 2},
          "train": {"memories": 4, "epochs": 3, "batch": 10, "temperature_initial": 5, "temperature_final": 5}})");
  const auto run = damlab::run_train_spec(spec, files, {}, "x.memories");
  const Json& r = run.record["result"];
  EXPECT_TRUE(run.complete);
  EXPECT_EQ(r["epochs"], 3);
  EXPECT_EQ(r["curves"]["loss"].size(), 3u);
  EXPECT_FALSE(r["curves"].contains("test_error"));  // no test set
  EXPECT_TRUE(r["test_error"].is_null());
  EXPECT_EQ(r["memory_file"]["name"], "x.memories");
  EXPECT_EQ(r["memory_file"]["checksum"], damlab::hex64(damlab::memory_file_checksum(run.memory_file)));
  EXPECT_EQ(r["memory_file"]["bytes"], run.memory_file.size());
  const auto memories = damlab::decode_memory_file(run.memory_file);
  EXPECT_EQ(memories.memories, 4u);
  EXPECT_EQ(memories.pixels, 16u);
  EXPECT_EQ(memories.classes, 2u);
  EXPECT_EQ(memories.f.degree, 2u);
  EXPECT_EQ(run.record["spec"], damlab::to_json(spec));
  // The same spec gives the same bytes; a stopped run is marked incomplete.
  EXPECT_EQ(damlab::run_train_spec(spec, files).memory_file, run.memory_file);
  const auto stopped = damlab::run_train_spec(spec, files, [calls = 0](double) mutable { return ++calls < 5; });
  EXPECT_FALSE(stopped.complete);
  EXPECT_EQ(stopped.record["result"]["complete"], false);
  EXPECT_TRUE(stopped.record["result"]["train_error"].is_null());
  EXPECT_EQ(stopped.record["result"]["epochs"], 1);  // 4 minibatches per epoch
}

}  // namespace

namespace {

// A memory file run on D: with 0 steps Cvg is max_μ |⟨ξ^μ, σ⟩| of the probe
// states as built (pixels at byte >= 128, one-hot labels), computed here
// literally.
TEST(TrainedSource, ConvergenceOfTheProbesAsBuilt) {
  damlab::GreyImages grey;
  grey.pixels = 4;
  grey.bytes = {200, 0, 0, 200,  0, 200, 200, 0,  128, 127, 255, 0,
                10, 20, 30, 40,  255, 255, 255, 255,  0, 0, 0, 128};
  grey.labels = {0, 1, 0, 1, 0, 1};
  damlab::TrainedMemories m;
  m.memories = 2;
  m.pixels = 4;
  m.classes = 2;
  m.f.degree = 2;
  m.temperature = 3;
  // Memory 0 is the state of image 0 (label 0); memory 1 a half-scaled other.
  m.weights = {1, -1, -1, 1, 1, -1,  0.5f, 0.5f, -0.5f, -0.5f, -0.5f, 0.5f};
  const damlab::FileBytes files = {{"m.memories", damlab::encode_memory_file(m)},
                                   {damlab::mnist_grey_asset, damlab::pack_grey_asset(grey)}};
  const auto spec = damlab::parse_spec_text(
      R"({"measure": "convergence", "data": {"source": "trained", "path": "m.memories", "per_class": 2, "seed": 3},
          "probe": {"steps": 0, "epsilons": [0, 0.5]}})");
  const Json record = damlab::run_trained_spec(spec, files);
  const auto split = damlab::balanced_split(grey.labels, 2, 3);
  ASSERT_EQ(split.test.size(), 4u);
  double sum = 0;
  int exact = 0, half = 0;
  for (const auto k : split.test) {
    std::vector<double> state;
    for (std::size_t i = 0; i < 4; ++i) state.push_back(grey.bytes[k * 4 + i] >= 128 ? 1 : -1);
    for (std::size_t c = 0; c < 2; ++c) state.push_back(grey.labels[k] == c ? 1 : -1);
    double best = 0;
    for (std::size_t mu = 0; mu < 2; ++mu) {
      double dot = 0;
      for (std::size_t i = 0; i < 6; ++i) dot += m.weights[mu * 6 + i] * state[i];
      best = std::max(best, std::abs(dot));
    }
    sum += best / 6;
    exact += best >= 6;
    half += best >= 3;
  }
  const Json& r = record["result"];
  EXPECT_EQ(r["N"], 6);
  EXPECT_EQ(r["K"], 2);
  EXPECT_EQ(r["probes"], 4);
  EXPECT_DOUBLE_EQ(r["mean_cvg"].get<double>(), sum / 4);
  EXPECT_DOUBLE_EQ(r["D_c"]["0.0"].get<double>(), exact / 4.0);
  EXPECT_DOUBLE_EQ(r["D_c"]["0.5"].get<double>(), half / 4.0);
  EXPECT_EQ(record["data"]["memory_checksum"],
            damlab::hex64(damlab::memory_file_checksum(files.at("m.memories"))));
  // Fields that make no sense for trained memories are refused by name.
  const auto field = [](const std::string& probe, const std::string& extra = "") {
    try {
      damlab::parse_spec_text(R"({"measure": "convergence", "data": {"source": "trained", "path": "m"}, "probe": )" +
                              probe + extra + "}");
    } catch (const damlab::InvalidArgument& e) {
      return e.field();
    }
    return std::string("(no error)");
  };
  EXPECT_EQ(field("{}"), "(no error)");
  EXPECT_EQ(field(R"({"K": 5})"), "probe.K");
  EXPECT_EQ(field(R"({"delta": 1.5})"), "probe.delta");
  EXPECT_EQ(field(R"({"update": "async"})"), "probe.update");
  EXPECT_EQ(field(R"({"probes": "held_out"})"), "probe.probes");
  EXPECT_EQ(field("{}", R"(, "model": {"F": "rectpoly"})"), "model");
  // Noisy probes: delta = 1 flips every bit of every state (pixels and
  // labels); the trajectory of each probe ends at the Cvg the record
  // averages.
  const auto noisy = damlab::parse_spec_text(
      R"({"measure": "convergence", "data": {"source": "trained", "path": "m.memories", "per_class": 2, "seed": 3},
          "probe": {"steps": 2, "delta": 1, "seed": 5, "epsilons": [0]}})");
  const Json noisy_record = damlab::run_trained_spec(noisy, files);
  EXPECT_EQ(noisy_record["data"]["checksum"], record["data"]["checksum"]);  // D's identity, before noise
  double noisy_sum = 0;
  for (std::size_t q = 0; q < 4; ++q) {
    const auto t = damlab::trained_trajectory(noisy, files, q);
    ASSERT_EQ(t.item, split.test[q]);
    EXPECT_EQ(t.label, grey.labels[split.test[q]]);
    for (std::size_t i = 0; i < 6; ++i) {
      const int clean = i < 4 ? (grey.bytes[t.item * 4 + i] >= 128 ? 1 : -1) : (std::size_t{t.label} == i - 4 ? 1 : -1);
      EXPECT_EQ(t.states[0][i], -clean) << "probe " << q << " bit " << i;
    }
    ASSERT_EQ(t.states.size(), t.overlaps.size());
    ASSERT_EQ(t.flips.size() + 1, t.states.size());
    EXPECT_LE(t.states.size(), 3u);
    double best = 0;
    for (std::size_t mu = 0; mu < 2; ++mu) {
      double dot = 0;
      for (std::size_t i = 0; i < 6; ++i) dot += m.weights[mu * 6 + i] * t.states.back()[i];
      EXPECT_DOUBLE_EQ(t.overlaps.back()[mu], dot);
      best = std::max(best, std::abs(dot));
    }
    noisy_sum += best / 6;
  }
  EXPECT_DOUBLE_EQ(noisy_record["result"]["mean_cvg"].get<double>(), noisy_sum / 4);
  EXPECT_THROW(damlab::trained_trajectory(noisy, files, 4), damlab::InvalidArgument);
  try {
    damlab::parse_spec_text(R"({"measure": "recall", "data": {"source": "trained", "path": "m"}})");
    ADD_FAILURE() << "recall on trained memories";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "measure");
  }
}

}  // namespace

#include "damlab/experiment/grid.hpp"

namespace {

TEST(TrainSweep, TrainFieldsAreSweepPaths) {
  const auto experiment = damlab::parse_experiment(damlab::parse_json_text(
      R"({"name": "k", "measure": "train", "data": {"source": "mnist"},
          "sweep": [{"train.memories": [10, 20]}, {"model.n": [2, 3]}]})"));
  ASSERT_EQ(experiment.points(), 4u);
  const auto spec = damlab::parse_spec(experiment.point_spec(3));
  EXPECT_EQ(spec.training.memories, 20u);
  EXPECT_EQ(spec.training.f.degree, 3u);
  try {
    damlab::parse_experiment(damlab::parse_json_text(
        R"({"measure": "train", "data": {"source": "mnist"}, "sweep": [{"train.momentum": [0.5, 1]}]})"));
    ADD_FAILURE() << "momentum 1 accepted";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "train.momentum");
  }
}

}  // namespace
