// The `damlab capacity` subcommand: Kmax of one pattern set, exact and
// binary-search modes, printed as one JSON record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>
#include "damlab/util/error.hpp"
#include <nlohmann/json.hpp>

namespace damlab::cli {

struct CapacityOptions {
  // Data source: an IDX file ...
  std::string idx_path;
  int threshold = 128;
  std::size_t first = 0;
  // ... or skewed Rademacher patterns.
  double p = 0.5;
  std::size_t N = 0, S = 0;
  std::uint64_t seed = 1;
  // Separation function.
  std::string F = "rectpoly";
  int n = 3;
  double beta = 1.0;
  // Which flags were given, filled in after parsing.
  bool from_idx = false, first_given = false;
};

// Registers the subcommand and its flags on app; options receive the values.
CLI::App* add_capacity_command(CLI::App& app, CapacityOptions& options);

// The message of a spec error with the spec field ("data.p") replaced by
// the flag that set it ("--p").
std::string with_flag_names(const damlab::InvalidArgument& error);

// The experiment spec (see damlab/experiment/spec.hpp) the flags describe.
nlohmann::ordered_json capacity_spec(const CapacityOptions& options);

}  // namespace damlab::cli
