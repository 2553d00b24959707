#include "sweep_command.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>

#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "execute.hpp"
#include "file_bytes.hpp"

namespace damlab::cli {

namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted = true; }

Experiment read_experiment(const std::string& path) {
  const auto bytes = read_file_bytes(path, 1 << 24);
  return parse_experiment(parse_json_text(std::string(bytes.begin(), bytes.end())));
}

// Every data file the points name, read once (keyed by data.path, the key
// run_sweep looks up; one file under several spellings is read from disk
// once, and all of them together are capped).
FileBytes read_data_files(const Experiment& experiment, const std::string& spec_path) {
  const auto base = std::filesystem::path(spec_path).parent_path().string();
  FileLoader loader(max_command_data_bytes);
  FileBytes files;
  for (std::size_t point = 0; point < experiment.points(); ++point) {
    const Spec spec = parse_spec(experiment.point_spec(point));
    if (spec.data.source == DataSpec::Source::rademacher || files.count(spec.data.path)) continue;
    files[spec.data.path] = loader.read(data_file_path(spec.data, base), max_data_file_bytes);
  }
  return files;
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw FileError("cannot write '" + path.string() + "'");
}

std::string stem(const Experiment& experiment) {
  return experiment.name.empty() ? "sweep" : experiment.name;
}

// The output folder, created before any work so a bad --out fails at once.
void make_out_dir(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw FileError("cannot create the output folder '" + dir + "': " + error.message());
}

void write_outputs(const SweepCommandOptions& o, const Experiment& experiment,
                   const SweepRows& rows, const std::string& suffix) {
  const auto base = std::filesystem::path(o.out_dir) / (stem(experiment) + suffix);
  write_text(base.string() + ".csv", to_csv(rows));
  write_text(base.string() + ".json", sweep_record(experiment, rows).dump(2) + "\n");
  std::fprintf(stderr, "damlab: wrote %s.csv (%zu rows) and %s.json\n", base.c_str(),
               rows.rows.size(), base.c_str());
}

}  // namespace

CLI::App* add_sweep_command(CLI::App& app, SweepCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run an experiment spec over its sweep; write NAME.csv (one row per point) "
               "and NAME.json (the record) into --out");
  cmd->add_option("spec", o.spec_path, "Experiment spec (JSON with a \"sweep\" list)")->required();
  cmd->add_option("--out", o.out_dir, "Output folder, created if needed; default .");
  cmd->add_option("--shard", o.shard,
                  "Run only points with point % N == i, as i/N (0 <= i < N); output files get "
                  ".shard-i-of-N; join them with damlab merge. Default 0/1");
  cmd->add_option("--threads", o.threads, "Points computed at once, in [1, 256]; default 1")
      ->check(CLI::Range(1, 256));
  return cmd;
}

CLI::App* add_merge_command(CLI::App& app, SweepCommandOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "merge", "Join the shard CSVs of one experiment into NAME.csv and NAME.json, "
               "byte for byte what one unsharded run writes");
  cmd->add_option("spec", o.spec_path, "The experiment spec the shards ran")->required();
  cmd->add_option("csv", o.shard_csvs, "Shard CSV files")->required();
  cmd->add_option("--out", o.out_dir, "Output folder; default .");
  return cmd;
}

int run_sweep_command(const SweepCommandOptions& o) {
  const Experiment experiment = read_experiment(o.spec_path);
  const Shard shard = parse_shard(o.shard);
  const FileBytes files = read_data_files(experiment, o.spec_path);
  make_out_dir(o.out_dir);
  std::signal(SIGINT, on_interrupt);
  const bool terminal = isatty(STDERR_FILENO);
  SweepOptions options;
  options.shard = shard;
  options.threads = o.threads;
  options.progress = [&](std::size_t done, std::size_t total) {
    if (terminal || done == total)
      std::fprintf(stderr, "\r%s: %zu/%zu points%s", stem(experiment).c_str(), done, total,
                   done == total ? "\n" : "");
    return !interrupted.load();
  };
  const SweepRows rows = run_sweep(experiment, files, options);
  const std::string suffix = shard.count == 1 ? ""
                                              : ".shard-" + std::to_string(shard.index) + "-of-" +
                                                    std::to_string(shard.count);
  write_outputs(o, experiment, rows, suffix);
  if (!rows.complete()) {
    std::fprintf(stderr, "\ndamlab: interrupted: %zu of %zu points finished and kept\n",
                 rows.rows.size(), rows.planned);
    return 130;
  }
  return 0;
}

int run_merge_command(const SweepCommandOptions& o) {
  const Experiment experiment = read_experiment(o.spec_path);
  std::vector<std::string> texts;
  for (const auto& path : o.shard_csvs) {
    const auto bytes = read_file_bytes(path, std::uint64_t{1} << 32);
    texts.emplace_back(bytes.begin(), bytes.end());
  }
  const SweepRows rows = merge_csv(experiment, texts);
  make_out_dir(o.out_dir);
  write_outputs(o, experiment, rows, "");
  if (!rows.complete())
    std::fprintf(stderr, "damlab: merged %zu of %zu points; the record says incomplete\n",
                 rows.rows.size(), rows.planned);
  return 0;
}

}  // namespace damlab::cli
