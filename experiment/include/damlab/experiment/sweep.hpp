// Sweeps: an experiment's grid (see grid.hpp) run point by point, on threads
// and in shards, into rows of a tidy table (one row per point; sweep_csv.hpp
// writes and merges them). The rows are kept by point, so any split of the
// points over shards and threads gives the same CSV.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <optional>
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
  // Polled during every point's computation (through its progress reports):
  // returning true cancels the running points at once (their rows are left
  // out), e.g. on a signal.
  std::function<bool()> cancelled;
  // Called (one call at a time) with each row as its point finishes, in
  // finishing order, so a front end can save rows before the sweep ends.
  std::function<void(std::size_t point, const std::vector<std::string>& columns,
                     const std::vector<std::string>& cells)>
      on_row;
  // A point that fails stops the sweep; with keep_rows_on_error the rows
  // finished so far are returned with the error in SweepRows::failure,
  // otherwise the error is thrown. Either way its message names the point.
  bool keep_rows_on_error = false;
};

struct SweepRows {
  std::vector<std::string> columns;
  std::map<std::size_t, std::vector<std::string>> rows;  // by point
  std::size_t planned = 0;                              // points this shard owns
  bool complete() const { return rows.size() == planned; }
  // The first point that failed, and its error (its message names the point
  // and its axis values), when SweepOptions::keep_rows_on_error is set.
  std::optional<std::size_t> failed_point;
  std::exception_ptr failure;
  std::string failure_message;
};

// "point 5 (data.seed = 3, model.n = 2)": a point and its axis values.
std::string point_label(const Experiment& experiment, std::size_t point);

SweepRows run_sweep(const Experiment& experiment, const FileBytes& files,
                    const SweepOptions& options);

}  // namespace damlab
