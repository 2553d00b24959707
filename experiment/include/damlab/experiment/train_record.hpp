// Running a train spec (train_spec.hpp): its data loaded, the budget checked,
// the Krotov–Hopfield classifier trained (train/trainer.hpp), and its record
// with the learning curves and the trained-memory file's bytes
// (data/memory_file.hpp). The command line, sweeps and tests all run train
// specs through this one call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/train/trainer.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

struct TrainRun {
  Json record;
  std::vector<std::uint8_t> memory_file;  // the memories after the last completed epoch
  bool complete = true;                   // false: progress asked to stop
};

// files: the bytes of every name spec.labelled.files() lists. progress is
// called during training (false stops after the current minibatch: the run
// is then recorded with "complete": false and no final errors); on_epoch
// after every completed epoch. memory_file_name is what the record names
// the memory file ("" for none, e.g. in a sweep).
TrainRun run_train_spec(const Spec& spec, const FileBytes& files, const Progress& progress = {},
                        const std::string& memory_file_name = "",
                        const EpochCallback& on_epoch = {});

}  // namespace damlab
