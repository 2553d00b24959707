#include "damlab/experiment/train_spec.hpp"

#include <limits>
#include <set>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {

constexpr std::uint64_t max_count = std::uint64_t{1} << 32;
constexpr std::uint64_t max_seed_value = (std::uint64_t{1} << 53) - 1;

std::string file_path(const Fields& f, const std::string& key) {
  const std::string path = f.text(key);
  require(!path.empty() && path.size() <= 4096, f.name(key), std::to_string(path.size()) + " bytes",
          "a file path of 1 to 4096 bytes");
  return path;
}

}  // namespace

// TrainingOptions::validate and the trainer name fields as in the struct.
void rethrow_with_spec_path(const InvalidArgument& e) {
  static const std::set<std::string> options = {
      "memories", "loss_power", "epochs", "batch", "learning_rate", "learning_rate_decay",
      "momentum", "temperature_initial", "temperature_final", "temperature_ramp_epochs",
      "init_mean", "init_std", "precision", "seed", "threads"};
  const std::string& field = e.field();
  const std::string path = field == "F.degree" ? "model.n"
                           : field == "F"      ? "model.F"
                           : options.count(field) ? "train." + field
                                                  : field;
  if (path == field) throw e;
  std::string message = e.what();
  if (message.rfind(field, 0) == 0) message = path + message.substr(field.size());
  throw InvalidArgument(path, message);
}

std::vector<std::string> LabelledDataSpec::files() const {
  if (source == Source::mnist) return {mnist_grey_asset};
  if (source == Source::fashion_mnist) {
    std::vector<std::string> out;
    for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
      out.push_back(std::string(fashion_prefix) + name);
    return out;
  }
  std::vector<std::string> out = {images, labels};
  if (!test_images.empty()) out.insert(out.end(), {test_images, test_labels});
  return out;
}

LabelledDataSpec parse_labelled_data(const Json& json) {
  LabelledDataSpec data;
  // The source first, so that another measure's data section is named as such.
  if (json.is_object() && json.contains("source") && json["source"].is_string()) {
    const auto name = json["source"].get<std::string>();
    require(name == "mnist" || name == "fashion-mnist" || name == "idx", "data.source", name,
            "one of mnist, fashion-mnist, idx for measure = train");
  }
  const std::string source =
      Fields(json, "data", {"source", "test_per_class", "seed", "train", "validation_per_class", "test",
                            "images", "labels", "test_images", "test_labels"})
          .text("source");
  if (source == "mnist") {
    const Fields f(json, "data", {"source", "test_per_class", "seed", "train", "validation_per_class"});
    data.source = LabelledDataSpec::Source::mnist;
    data.test_per_class = f.integer("test_per_class", 1, 10000, 100);
    data.seed = f.integer("seed", 0, max_seed_value, 1);
    data.train = f.integer("train", 0, max_count, 0);
    data.validation_per_class = f.integer("validation_per_class", 0, 10000, 0);
  } else if (source == "fashion-mnist") {
    const Fields f(json, "data", {"source", "train", "test"});
    data.source = LabelledDataSpec::Source::fashion_mnist;
    data.train = f.integer("train", 0, max_count, 0);
    data.test = f.integer("test", 0, max_count, 0);
  } else if (source == "idx") {
    const Fields f(json, "data",
                   {"source", "images", "labels", "test_images", "test_labels", "train", "test"});
    data.source = LabelledDataSpec::Source::idx;
    data.images = file_path(f, "images");
    data.labels = file_path(f, "labels");
    require(f.has("test_images") == f.has("test_labels"), f.has("test_images") ? "data.test_labels" : "data.test_images",
            "missing", "present with " + std::string(f.has("test_images") ? "data.test_images" : "data.test_labels") +
                           " (a test set is an images and labels pair)");
    if (f.has("test_images")) {
      data.test_images = file_path(f, "test_images");
      data.test_labels = file_path(f, "test_labels");
    }
    data.train = f.integer("train", 0, max_count, 0);
    data.test = f.integer("test", 0, max_count, 0);
    require(data.test == 0 || f.has("test_images"), "data.test", data.test,
            "0 without a test set (data.test_images and data.test_labels)");
  } else {
    fail_field("data.source", source, "one of mnist, fashion-mnist, idx for measure = train");
  }
  return data;
}

Json labelled_data_json(const LabelledDataSpec& d) {
  using Source = LabelledDataSpec::Source;
  if (d.source == Source::mnist) {
    Json out = {{"source", "mnist"}, {"test_per_class", d.test_per_class}, {"seed", d.seed}, {"train", d.train}};
    // Only when set, so that the records of specs without it keep their form.
    if (d.validation_per_class != 0) out["validation_per_class"] = d.validation_per_class;
    return out;
  }
  if (d.source == Source::fashion_mnist)
    return {{"source", "fashion-mnist"}, {"train", d.train}, {"test", d.test}};
  Json out = {{"source", "idx"}, {"images", d.images}, {"labels", d.labels}};
  if (!d.test_images.empty()) {
    out["test_images"] = d.test_images;
    out["test_labels"] = d.test_labels;
  }
  out["train"] = d.train;
  out["test"] = d.test;
  return out;
}

TrainingF parse_training_f(const Json& json) {
  const Fields f(json, "model", {"F", "n"});
  TrainingF out;
  const std::string kind = f.text("F", std::string("rectpoly"));
  if (kind == "exp") {
    require(!f.has("n"), "model.n", "present", "absent for F = exp (its temperature is train.temperature_*)");
    out.kind = TrainingF::Kind::exp;
    return out;
  }
  require(kind == "rectpoly", "model.F", kind, "rectpoly or exp for measure = train");
  out.degree = static_cast<unsigned>(f.integer("n", 1, 100, TrainingF{}.degree));
  return out;
}

Json training_f_json(const TrainingF& f) {
  if (f.kind == TrainingF::Kind::exp) return {{"F", "exp"}};
  return {{"F", "rectpoly"}, {"n", f.degree}};
}

TrainingOptions parse_training(const Json& json, const TrainingF& training_f) {
  const Fields f(json, "train",
                 {"memories", "loss_power", "epochs", "batch", "learning_rate", "learning_rate_decay",
                  "momentum", "temperature_initial", "temperature_final", "temperature_ramp_epochs",
                  "init_mean", "init_std", "precision", "seed", "threads"});
  TrainingOptions o;
  o.f = training_f;
  // Integers are read in their type's range here; validate() names the
  // allowed range (one definition, in train/training_options.cpp).
  constexpr std::uint64_t wide = std::numeric_limits<std::uint32_t>::max();
  o.memories = f.integer("memories", 0, wide, o.memories);
  o.loss_power = static_cast<unsigned>(f.integer("loss_power", 0, wide, o.loss_power));
  o.epochs = f.integer("epochs", 0, wide, o.epochs);
  o.batch = f.integer("batch", 0, wide, o.batch);
  o.learning_rate = f.real("learning_rate", o.learning_rate);
  o.learning_rate_decay = f.real("learning_rate_decay", o.learning_rate_decay);
  o.momentum = f.real("momentum", o.momentum);
  o.temperature_initial = f.real("temperature_initial", o.temperature_initial);
  o.temperature_final = f.real("temperature_final", o.temperature_final);
  o.temperature_ramp_epochs = f.integer("temperature_ramp_epochs", 0, wide, o.temperature_ramp_epochs);
  o.init_mean = f.real("init_mean", o.init_mean);
  o.init_std = f.real("init_std", o.init_std);
  o.precision = f.real("precision", o.precision);
  o.seed = f.integer("seed", 0, max_seed_value, o.seed);
  o.threads = f.integer("threads", 0, wide, o.threads);
  try {
    o.validate();
  } catch (const InvalidArgument& e) {
    rethrow_with_spec_path(e);
  }
  return o;
}

Json training_json(const TrainingOptions& o) {
  return {{"memories", o.memories},
          {"loss_power", o.loss_power},
          {"epochs", o.epochs},
          {"batch", o.batch},
          {"learning_rate", o.learning_rate},
          {"learning_rate_decay", o.learning_rate_decay},
          {"momentum", o.momentum},
          {"temperature_initial", o.temperature_initial},
          {"temperature_final", o.temperature_final},
          {"temperature_ramp_epochs", o.temperature_ramp_epochs},
          {"init_mean", o.init_mean},
          {"init_std", o.init_std},
          {"precision", o.precision},
          {"seed", o.seed},
          {"threads", o.threads}};
}

}  // namespace damlab
