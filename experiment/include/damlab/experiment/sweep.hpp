// Sweeps: one base spec (see spec.hpp) run at every point of a grid of
// parameter values, written as a tidy CSV (one row per point).
//
//   {
//     "name": "fig1-artificial",
//     "measure": "capacity",
//     "data":  {"source": "rademacher", "N": 784, "S": 50, "p": 0.5, "seed": 1},
//     "model": {"F": "rectpoly", "n": 7},
//     "sweep": [
//       {"data.p": {"from": 0.51, "to": 1.0, "step": 0.01},
//        "data.seed": {"from": 1, "to": 50, "step": 1}},
//       {"model.n": [7, 9, 11]}
//     ]
//   }
//
// Each element of "sweep" is one axis; the paths inside an element change
// together (their value lists must have equal lengths); the grid is the
// Cartesian product of the axes, the last axis varying fastest. A range
// {"from", "to", "step"} includes both ends (values rounded to 12 decimals so
// 0.51 + 3 * 0.01 is 0.54). Every point is validated before any work starts.
//
// Points can be split into shards (point % count == index) and threads; the
// rows are always written in point order, so any split gives the same CSV.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "damlab/experiment/spec.hpp"

namespace damlab {

inline constexpr std::size_t max_sweep_points = 100000;

struct SweepAxis {
  std::vector<std::string> paths;          // e.g. {"data.p", "data.seed"}
  std::vector<std::vector<Json>> values;   // values[path][k]
  std::size_t size() const { return values.empty() ? 0 : values.front().size(); }
};

struct Experiment {
  std::string name;
  Json base;                    // the spec without "name" and "sweep"
  std::vector<SweepAxis> axes;  // empty: a single point

  std::size_t points() const;
  // The concrete spec of one point.
  Json point_spec(std::size_t point) const;
  // The axis values of one point, in column order.
  std::vector<Json> point_values(std::size_t point) const;
  // The normalized experiment, as recorded.
  Json to_json() const;
};

// Parses and validates an experiment: every point's spec must be valid.
// Errors name the field, and the point when only some points are invalid.
Experiment parse_experiment(const Json& json);

// Which points a shard runs: index in [0, count).
struct Shard {
  std::size_t index = 0, count = 1;
  bool owns(std::size_t point) const { return point % count == index; }
};
Shard parse_shard(const std::string& text);  // "i/N"

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

// CSV text (header + rows in point order); cells hold no commas or quotes.
std::string to_csv(const SweepRows& rows);
// Rows of several shard CSVs of one experiment, checked for a common header
// and no point twice.
SweepRows merge_csv(const Experiment& experiment, const std::vector<std::string>& csv_texts);

// The record of a sweep: experiment, code version, completeness and the CSV's
// checksum. It depends only on the experiment and the rows, so a merged run
// records exactly what a single run records.
Json sweep_record(const Experiment& experiment, const SweepRows& rows);

}  // namespace damlab
