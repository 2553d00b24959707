// The grid of an experiment: one base spec (see spec.hpp) and the parameter
// values it is run at, one point per combination.
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
// Points can be split into shards (point % count == index).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"

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
// The experiment's name is the stem of its output files: throws
// InvalidArgument("name") unless it is a plain file name (1 to 100 of
// A-Z a-z 0-9 . _ -, not "." or ".."). A spec's "name": "" is no name.
void check_output_name(const std::string& name);

// Which points a shard runs: index in [0, count).
struct Shard {
  std::size_t index = 0, count = 1;
  bool owns(std::size_t point) const { return point % count == index; }
};
Shard parse_shard(const std::string& text);  // "i/N"

}  // namespace damlab
