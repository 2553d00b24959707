// Sweeps: an experiment's grid (see grid.hpp) run point by point, on threads
// and in shards, into rows of a tidy table (one row per point; sweep_csv.hpp
// writes and merges them). The rows are kept by point, so any split of the
// points over shards and threads gives the same CSV.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "damlab/experiment/grid.hpp"

namespace damlab {

// The bytes of each file a spec names (data.path), read by the front end.
using FileBytes = std::map<std::string, std::vector<std::uint8_t>>;

struct SweepOptions {
  Shard shard;
  std::size_t threads = 1;
  // Called after each finished point with (points done, points to do);
  // returning false stops the run (unfinished points are left out).
  std::function<bool(std::size_t, std::size_t)> progress;
};

struct SweepRows {
  std::vector<std::string> columns;
  std::map<std::size_t, std::vector<std::string>> rows;  // by point
  std::size_t planned = 0;                              // points this shard owns
  bool complete() const { return rows.size() == planned; }
};

SweepRows run_sweep(const Experiment& experiment, const FileBytes& files,
                    const SweepOptions& options);

}  // namespace damlab
