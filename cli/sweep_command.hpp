// `damlab sweep` runs an experiment spec with a sweep and writes a tidy CSV
// plus a JSON record; `damlab merge` joins shard CSVs into the CSV and record
// a single run would have written.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct SweepCommandOptions {
  std::string spec_path, out_dir = ".", shard = "0/1";
  std::size_t threads = 1;
  std::vector<std::string> shard_csvs;  // merge only
};

CLI::App* add_sweep_command(CLI::App& app, SweepCommandOptions& options);
CLI::App* add_merge_command(CLI::App& app, SweepCommandOptions& options);

// Return the process exit code: 0 done; sweep: 130 interrupted (SIGINT or
// SIGTERM; finished rows kept, the record says incomplete); merge: 3 when
// points are missing (outputs written, the record says incomplete). A point's
// error is thrown after the finished rows are written.
int run_sweep_command(const SweepCommandOptions& options);
int run_merge_command(const SweepCommandOptions& options);

}  // namespace damlab::cli
