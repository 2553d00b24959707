// Training of the Krotov–Hopfield (2016) classifier (core/train), its label
// predictions, the grey data it reads and the trained-memory file. Every
// computation is the core's; this file converts values and checks sizes.
//
// JS shapes (damlab.d.ts):
//   data      {images: Float32Array (count × pixels, each in [-1, 1]),
//              labels: Uint8Array (count), pixels, classes}
//   memories  {memories: K, pixels: N, classes: C, F: 'rectpoly' | 'exp',
//              n (rectpoly only), temperature: T, weights: Float32Array
//              (K × (N + C), memory after memory, pixels then labels)}
//   options   the core's TrainingOptions, field for field (F and n for f)
// Field names are the core's, so its errors name the caller's key.
#include <cstring>
#include <limits>

#include "bindings.hpp"
#include "damlab/data/grey_asset.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/data/memory_file.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/labelled_source.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/train/loss_gradient.hpp"
#include "damlab/train/trainer.hpp"

namespace damlab::wasm {

namespace {

// At most 2^25 memory values (K × (N + C)): training keeps each as a float
// weight, a double velocity and a double gradient (20 bytes, 640 MiB at the
// limit), which must fit the threads build's 1 GiB of memory with the data.
// The paper's largest run (K = 30,000, N + C = 794) holds 23.8 million.
constexpr std::uint64_t max_memory_values = std::uint64_t{1} << 25;

void check_memory_values(std::size_t K, std::size_t width) {
  const std::uint64_t values = std::uint64_t{K} * width;
  require(values <= max_memory_values, "memories * (pixels + classes)", values,
          "at most " + std::to_string(max_memory_values) + " values in the WebAssembly build");
}

// {F: 'rectpoly' | 'exp', n} of an options or memories object. The core
// checks n's range under the name F.degree; the caller's key is n.
TrainingF training_f(const val& object) {
  TrainingF f;
  const val kind = js_get(object, "F");
  if (!absent(kind)) {
    require(kind.isString(), "F", describe(kind), "one of rectpoly, exp");
    const std::string name = kind.as<std::string>();
    require(name == "rectpoly" || name == "exp", "F", name, "one of rectpoly, exp");
    f.kind = name == "exp" ? TrainingF::Kind::exp : TrainingF::Kind::rectpoly;
  }
  const val n = js_get(object, "n");
  if (f.kind == TrainingF::Kind::exp)
    require(absent(n), "n", "present", "absent for F = exp (its temperature sets the scale)");
  else if (!absent(n))
    f.degree = static_cast<unsigned>(size(number(n, "n"), "n"));
  try {
    f.validate("F");
  } catch (const InvalidArgument& e) {
    const std::string message = e.what(), prefix = "F.degree";
    throw InvalidArgument("n", "n" + message.substr(message.rfind(prefix, 0) == 0 ? prefix.size() : 0));
  }
  return f;
}

// Every field of TrainingOptions that the caller gives; the others keep the
// core's defaults (the paper's). The core validates the whole.
TrainingOptions training_options(const val& options) {
  TrainingOptions o;
  if (absent(options)) return o;
  check_keys(options, "options",
             {"memories", "F", "n", "loss_power", "epochs", "batch", "learning_rate",
              "learning_rate_decay", "momentum", "temperature_initial", "temperature_final",
              "temperature_ramp_epochs", "init_mean", "init_std", "precision", "seed",
              "threads"});
  const auto sized = [&](const char* key, std::size_t& out) {
    const val v = js_get(options, key);
    if (!absent(v)) out = size(number(v, key), key);
  };
  const auto real = [&](const char* key, double& out) {
    const val v = js_get(options, key);
    if (!absent(v)) out = number(v, key);
  };
  sized("memories", o.memories);
  o.f = training_f(options);
  std::size_t loss_power = o.loss_power;
  sized("loss_power", loss_power);  // size() keeps it below 2^32: no narrowing
  o.loss_power = static_cast<unsigned>(loss_power);
  sized("epochs", o.epochs);
  sized("batch", o.batch);
  real("learning_rate", o.learning_rate);
  real("learning_rate_decay", o.learning_rate_decay);
  real("momentum", o.momentum);
  real("temperature_initial", o.temperature_initial);
  real("temperature_final", o.temperature_final);
  sized("temperature_ramp_epochs", o.temperature_ramp_epochs);
  real("init_mean", o.init_mean);
  real("init_std", o.init_std);
  real("precision", o.precision);
  const val seed = js_get(options, "seed");
  if (!absent(seed)) o.seed = safe_integer(number(seed, "seed"), "seed");
  sized("threads", o.threads);
  o.validate();
  o.threads = pool_threads(o.threads);
  return o;
}

// A data object's arrays, owned here while the core reads them.
struct LabelledArrays {
  std::vector<float> images;
  std::vector<std::uint8_t> labels;
  std::size_t pixels = 0, classes = 0;

  LabelledView view() const { return {images, labels, pixels, classes}; }
};

LabelledArrays labelled_arrays(const val& data, const std::string& name) {
  check_keys(data, name, {"images", "labels", "pixels", "classes"});
  LabelledArrays out;
  out.pixels = size(number(js_get(data, "pixels"), name + ".pixels"), name + ".pixels");
  require(out.pixels <= grey_max_pixels, name + ".pixels", out.pixels,
          "at most " + std::to_string(grey_max_pixels));
  out.classes = size(number(js_get(data, "classes"), name + ".classes"), name + ".classes");
  out.images = typed_array<float>(js_get(data, "images"), "Float32Array", name + ".images");
  out.labels = typed_array<std::uint8_t>(js_get(data, "labels"), "Uint8Array", name + ".labels");
  out.view().validate(name.c_str());
  return out;
}

val data_object(std::vector<float> images, std::vector<std::uint8_t> labels, std::size_t pixels,
                std::size_t classes) {
  val out = val::object();
  out.set("images", to_typed_array(images));
  out.set("labels", to_typed_array(labels));
  out.set("pixels", pixels);
  out.set("classes", classes);
  return out;
}

val memories_object(const TrainedMemories& m) {
  val out = val::object();
  out.set("memories", m.memories);
  out.set("pixels", m.pixels);
  out.set("classes", m.classes);
  out.set("F", to_string(m.f.kind));
  if (m.f.kind == TrainingF::Kind::rectpoly) out.set("n", m.f.degree);
  out.set("temperature", m.temperature);
  out.set("weights", to_typed_array(m.weights));
  return out;
}

TrainedMemories trained_memories(const val& object) {
  check_keys(object, "memories", {"memories", "pixels", "classes", "F", "n", "temperature", "weights"});
  TrainedMemories m;
  m.memories = size(number(js_get(object, "memories"), "memories"), "memories");
  m.pixels = size(number(js_get(object, "pixels"), "pixels"), "pixels");
  m.classes = size(number(js_get(object, "classes"), "classes"), "classes");
  require(m.pixels <= grey_max_pixels, "pixels", m.pixels,
          "at most " + std::to_string(grey_max_pixels));
  check_memory_values(m.memories, m.width());
  require(!absent(js_get(object, "F")), "F", "undefined", "one of rectpoly, exp");
  m.f = training_f(object);
  m.temperature = number(js_get(object, "temperature"), "temperature");
  m.weights = typed_array<float>(js_get(object, "weights"), "Float32Array", "weights");
  m.validate();
  return m;
}

val stats_object(std::size_t epoch, const EpochStats& s) {
  val out = val::object();
  out.set("epoch", epoch);
  out.set("temperature", s.temperature);
  out.set("learning_rate", s.learning_rate);
  out.set("loss", s.loss);
  out.set("train_error", s.train_error);
  // NaN (no test set) as null, as in records.
  out.set("test_error", s.test_error == s.test_error ? val(s.test_error) : val::null());
  return out;
}

// Trains on train (test may be null). onProgress(fraction) after every
// minibatch: false stops after it (the result then has cancelled: true and
// the epochs completed so far). onEpoch(epoch, stats, weights) after every
// epoch, weights a copy of the memories after it (K × (N + C) floats).
// Returns {epochs: [stats], cancelled, train_error, test_error (the final
// memories' errors over the whole training and test sets, as a train
// record's; null when cancelled or, for test_error, without a test set),
// memories}.
val train_of(val train_arg, val test_arg, val options_arg, val on_progress_arg,
             val on_epoch_arg) {
  return guard([&] {
    const val train_value = take(train_arg), test_value = take(test_arg),
              options = take(options_arg), on_progress = take(on_progress_arg),
              on_epoch = take(on_epoch_arg);
    const LabelledArrays train = labelled_arrays(train_value, "train");
    const bool has_test = !absent(test_value);
    const LabelledArrays test = has_test ? labelled_arrays(test_value, "test") : LabelledArrays{};
    const TrainingOptions o = training_options(options);
    check_memory_values(o.memories, train.pixels + train.classes);
    if (!absent(on_epoch))
      require(on_epoch.typeOf().as<std::string>() == "function", "onEpoch", describe(on_epoch),
              "a function");
    EpochCallback epoch_callback;
    if (!absent(on_epoch))
      epoch_callback = [&](std::size_t epoch, const EpochStats& stats, const TrainedMemories& m) {
        val args = array_of(val(epoch));
        args.call<void>("push", stats_object(epoch, stats));
        args.call<void>("push", to_typed_array(m.weights));
        js_apply(on_epoch, val::undefined(), args);
      };
    const LabelledView test_view = test.view();
    const TrainingResult result = train_classifier(
        train.view(), has_test ? &test_view : nullptr, o, progress(on_progress), epoch_callback);

    val out = val::object();
    val epochs = val::array();
    for (std::size_t e = 0; e < result.epochs.size(); ++e)
      epochs.call<void>("push", stats_object(e, result.epochs[e]));
    out.set("epochs", epochs);
    out.set("cancelled", result.cancelled);
    // As in a train record: the final memories' errors over the whole sets,
    // null when stopped (and test_error without a test set).
    const bool done = !result.cancelled;
    out.set("train_error",
            done ? val(error_rate(result.memories, train.view(), o.threads)) : val::null());
    out.set("test_error", done && has_test
                              ? val(error_rate(result.memories, test_view, o.threads))
                              : val::null());
    out.set("memories", memories_object(result.memories));
    return out;
  });
}
val train_quiet(val train, val test, val options) {
  return train_of(std::move(train), std::move(test), std::move(options), val::undefined(),
                  val::undefined());
}
val train_progress(val train, val test, val options, val on_progress) {
  return train_of(std::move(train), std::move(test), std::move(options), std::move(on_progress),
                  val::undefined());
}

std::size_t threads_argument(const val& threads) {
  return pool_threads(absent(threads) ? 1 : size(number(threads, "threads"), "threads"));
}

// The core checks the length (a whole number of images) and every value.
std::vector<float> images_for(const val& images_value) {
  return typed_array<float>(images_value, "Float32Array", "images");
}

// One minibatch's loss, errors and exact gradient (loss_gradient.hpp) at
// memories.temperature: {loss, wrong, gradient: Float64Array K × (N + C)}.
// The step training repeats; the benchmarks time it.
val loss_gradient_of(val memories_arg, val batch_arg, double loss_power_arg, val threads_arg) {
  return guard([&] {
    const val memories_value = take(memories_arg), batch_value = take(batch_arg),
              threads = take(threads_arg);
    const TrainedMemories m = trained_memories(memories_value);
    const LabelledArrays batch = labelled_arrays(batch_value, "batch");
    const std::size_t loss_power = size(loss_power_arg, "loss_power");  // the core checks its range
    std::vector<double> gradient(m.weights.size());
    const BatchOutcome outcome = loss_gradient(m, batch.view(), static_cast<unsigned>(loss_power),
                                               gradient, threads_argument(threads));
    val out = val::object();
    out.set("loss", outcome.loss);
    out.set("wrong", outcome.wrong);
    out.set("gradient", to_typed_array(gradient));
    return out;
  });
}

val loss_gradient_plain(val memories, val batch, double loss_power) {
  return loss_gradient_of(std::move(memories), std::move(batch), loss_power, val::undefined());
}

// argmax_α c_α of each image (Uint8Array).
val predict_of(val memories_arg, val images_arg, val threads_arg) {
  return guard([&] {
    const val memories_value = take(memories_arg), images_value = take(images_arg),
              threads = take(threads_arg);
    const TrainedMemories m = trained_memories(memories_value);
    const std::vector<float> images = images_for(images_value);
    return to_typed_array(predictions(m, images, threads_argument(threads)));
  });
}
val predict_plain(val memories, val images) {
  return predict_of(std::move(memories), std::move(images), val::undefined());
}

// c_α of each image, count × classes (Float64Array).
val label_scores_of(val memories_arg, val images_arg, val threads_arg) {
  return guard([&] {
    const val memories_value = take(memories_arg), images_value = take(images_arg),
              threads = take(threads_arg);
    const TrainedMemories m = trained_memories(memories_value);
    const std::vector<float> images = images_for(images_value);
    return to_typed_array(label_scores(m, images, threads_argument(threads)));
  });
}
val label_scores_plain(val memories, val images) {
  return label_scores_of(std::move(memories), std::move(images), val::undefined());
}

// The fraction of data's images predicted wrongly.
double error_rate_of(val memories_arg, val data_arg, val threads_arg) {
  return guard([&] {
    const val memories_value = take(memories_arg), data_value = take(data_arg),
              threads = take(threads_arg);
    const TrainedMemories m = trained_memories(memories_value);
    const LabelledArrays data = labelled_arrays(data_value, "data");
    return error_rate(m, data.view(), threads_argument(threads));
  });
}
double error_rate_plain(val memories, val data) {
  return error_rate_of(std::move(memories), std::move(data), val::undefined());
}

// The grey asset (DAMLABG) as data objects: {source, train, test}. Without
// split, train holds every image in file order and test is null; with
// split {test_per_class, seed}, the core's seeded class-balanced split.
// classes is one more than the largest label (at least 2).
val grey_data_of(val bytes_arg, val split_arg) {
  return guard([&] {
    const val bytes = take(bytes_arg), split = take(split_arg);
    const GreyImages grey = parse_grey_asset(typed_array<std::uint8_t>(bytes, "Uint8Array", "bytes"));
    std::size_t classes = 2;
    for (const std::uint8_t label : grey.labels)
      classes = std::max<std::size_t>(classes, std::size_t{label} + 1);
    const auto part = [&](const std::vector<std::uint32_t>& indices) {
      return data_object(unit_pixels(grey, indices), labels_at(grey, indices), grey.pixels,
                         classes);
    };
    val out = val::object();
    out.set("source", grey.source);
    if (absent(split)) {
      std::vector<std::uint32_t> all(grey.count());
      for (std::size_t a = 0; a < all.size(); ++a) all[a] = static_cast<std::uint32_t>(a);
      out.set("train", part(all));
      out.set("test", val::null());
      return out;
    }
    check_keys(split, "split", {"test_per_class", "seed"});
    const std::size_t per_class = size(
        number(js_get(split, "test_per_class"), "split.test_per_class"), "split.test_per_class");
    const val seed = js_get(split, "seed");
    const std::uint64_t seed_value =
        absent(seed) ? 1 : safe_integer(number(seed, "split.seed"), "split.seed");
    const LabelledSplit chosen = balanced_split(grey.labels, per_class, seed_value);
    out.set("train", part(chosen.train));
    out.set("test", part(chosen.test));
    val indices = val::object();
    indices.set("train", to_typed_array(chosen.train));
    indices.set("test", to_typed_array(chosen.test));
    out.set("indices", indices);
    return out;
  });
}
val grey_data_plain(val bytes) { return grey_data_of(std::move(bytes), val::undefined()); }

// The training and test sets of a train spec (JSON text), made by the
// native runner's own code (load_labelled: the mnist split and data.train,
// or an idx pair's files) from files, an object holding the bytes of every
// file the spec's data names (mnist: "mnist-10k-grey.bin"; idx: its images
// and labels names, not gzipped); the training budget is checked as
// `damlab run` checks it. {train, test (null without a test set), source,
// checksum}: the record's data.source and data.checksum.
val training_data_of(val spec_arg, val files_arg) {
  return guard([&] {
    const val spec_value = take(spec_arg), files_value = take(files_arg);
    require(spec_value.isString(), "spec", describe(spec_value), "a string of JSON");
    const Spec spec = parse_spec_text(spec_value.as<std::string>());
    require(spec.measure == Measure::train, "measure", "not train", "train");
    require(files_value.typeOf().as<std::string>() == "object" && !files_value.isNull(), "files", describe(files_value),
            "an object of Uint8Array by file name");
    FileBytes files;
    for (const std::string& name : spec.labelled.files()) {
      const val bytes = js_get(files_value, name);
      require(!absent(bytes), "files", name, "the bytes of every file the spec's data names");
      files[name] = typed_array<std::uint8_t>(bytes, "Uint8Array", "files." + name);
    }
    const LabelledData data = load_labelled(spec.labelled, files);
    check_train_budget(spec, data.train_labels.size(), data.pixels + data.classes);
    val out = val::object();
    out.set("train", data_object(data.train_images, data.train_labels, data.pixels, data.classes));
    out.set("test", data.has_test() ? data_object(data.test_images, data.test_labels, data.pixels, data.classes)
                                    : val::null());
    out.set("source", data.source);
    out.set("checksum", data.checksum);
    return out;
  });
}

// The trained-memory file (DAMLABM) of memories, and back.
val encode_memory_file_of(val memories_arg) {
  return guard([&] {
    const val memories_value = take(memories_arg);
    return to_typed_array(encode_memory_file(trained_memories(memories_value)));
  });
}
val decode_memory_file_of(val bytes_arg) {
  return guard([&] {
    const val bytes = take(bytes_arg);
    return memories_object(
        decode_memory_file(typed_array<std::uint8_t>(bytes, "Uint8Array", "bytes")));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_train) {
  using namespace emscripten;
  function("trainClassifier", &train_of);
  function("trainClassifier", &train_progress);
  function("trainClassifier", &train_quiet);
  function("lossGradient", &loss_gradient_of);
  function("lossGradient", &loss_gradient_plain);
  function("predictLabels", &predict_of);
  function("predictLabels", &predict_plain);
  function("labelScores", &label_scores_of);
  function("labelScores", &label_scores_plain);
  function("errorRate", &error_rate_of);
  function("errorRate", &error_rate_plain);
  function("greyData", &grey_data_of);
  function("trainingData", &training_data_of);
  function("greyData", &grey_data_plain);
  function("encodeMemoryFile", &encode_memory_file_of);
  function("decodeMemoryFile", &decode_memory_file_of);
}

}  // namespace damlab::wasm
