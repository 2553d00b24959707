#include "damlab/experiment/train_record.hpp"

#include <cmath>

#include "damlab/data/memory_file.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/labelled_source.hpp"
#include "damlab/train/classifier.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

TrainRun run_train_spec(const Spec& spec, const FileBytes& files, const Progress& progress,
                        const std::string& memory_file_name, const EpochCallback& on_epoch) {
  require(spec.measure == Measure::train, "measure", "not train", "train for run_train_spec");
  const LabelledData data = load_labelled(spec.labelled, files);
  const std::size_t width = data.pixels + data.classes;
  check_train_budget(spec, data.train_labels.size(), width);
  const LabelledView train = data.train(), test = data.test();
  TrainingResult result;
  try {
    result = train_classifier(train, data.has_test() ? &test : nullptr, spec.training, progress,
                              on_epoch);
  } catch (const InvalidArgument& e) {
    rethrow_with_spec_path(e);
  }
  TrainRun run;
  run.complete = !result.cancelled;
  run.memory_file = encode_memory_file(result.memories);

  Json record;
  record["spec"] = to_json(spec);
  record["seed"] = spec.training.seed;
  record["data"] = {{"source", data.source},
                    {"pixels", data.pixels},
                    {"classes", data.classes},
                    {"train", data.train_labels.size()},
                    {"test", data.test_labels.size()},
                    {"checksum", data.checksum},
                    {"checksum_of", labelled_checksum_of}};
  Json loss = Json::array(), train_error = Json::array(), test_error = Json::array();
  for (const EpochStats& epoch : result.epochs) {
    loss.push_back(epoch.loss);
    train_error.push_back(epoch.train_error);
    if (data.has_test()) test_error.push_back(epoch.test_error);
  }
  Json out;
  out["complete"] = run.complete;
  out["epochs"] = result.epochs.size();
  // The errors of the final memories over the whole sets (the curves' train
  // error is the running error during each epoch); a stopped run has none.
  const std::size_t threads = spec.training.threads;
  out["train_error"] = run.complete ? Json(error_rate(result.memories, train, threads)) : Json(nullptr);
  out["test_error"] = run.complete && data.has_test() ? Json(error_rate(result.memories, test, threads))
                                                      : Json(nullptr);
  out["curves"] = {{"loss", loss}, {"train_error", train_error}};
  if (data.has_test()) out["curves"]["test_error"] = test_error;
  out["temperature"] = result.memories.temperature;
  out["memory_file"] = {
      {"name", memory_file_name.empty() ? Json(nullptr) : Json(memory_file_name)},
      {"bytes", run.memory_file.size()},
      {"checksum", hex64(memory_file_checksum(run.memory_file))}};
  record["code_version"] = code_version();
  record["result"] = std::move(out);
  run.record = std::move(record);
  return run;
}

}  // namespace damlab
