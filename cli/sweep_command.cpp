#include "sweep_command.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>

#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/experiment/trained_source.hpp"
#include "execute.hpp"
#include "file_bytes.hpp"
#include "interrupts.hpp"
#include "output_file.hpp"

namespace damlab::cli {

namespace {

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
    if (spec.data.source == DataSpec::Source::trained) {
      for (const std::string& name : trained_files(spec.data))
        if (!files.count(name))
          files[name] = loader.read(trained_file_path(spec.data, name, base), max_data_file_bytes);
      continue;
    }
    if (spec.measure == Measure::train) {
      for (const std::string& name : spec.labelled.files())
        if (!files.count(name))
          files[name] = loader.read(labelled_file_path(spec.labelled, name, base), max_data_file_bytes);
      continue;
    }
    if (spec.data.source == DataSpec::Source::rademacher || files.count(spec.data.path)) continue;
    files[spec.data.path] = loader.read(data_file_path(spec.data, base), max_data_file_bytes);
  }
  return files;
}

// The outputs' path without extension: --out/NAME[.shard-i-of-N] (NAME is a
// plain file name, checked by parse_experiment).
std::string output_base(const SweepCommandOptions& o, const Experiment& experiment,
                        const Shard& shard) {
  const std::string stem = experiment.name.empty() ? "sweep" : experiment.name;
  const std::string suffix = shard.count == 1 ? ""
                                              : ".shard-" + std::to_string(shard.index) + "-of-" +
                                                    std::to_string(shard.count);
  return (std::filesystem::path(o.out_dir) / (stem + suffix)).string();
}

// NAME.csv (a shard's framed by its binding, see shard_csv) and NAME.json.
void write_outputs(const std::string& base, const Experiment& experiment, const Shard& shard,
                   const SweepRows& rows) {
  write_file_atomically(base + ".csv", shard.count == 1 ? to_csv(rows)
                                                        : shard_csv(experiment, shard, rows));
  Json record = sweep_record(experiment, rows);
  write_file_atomically(base + ".json", record.dump(2) + "\n");
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
  // First: a signal during the set-up (parsing every point, reading data
  // files) then stops the sweep before its first point instead of being lost
  // (a background job of a script starts with SIGINT ignored).
  handle_interrupts();
  const Experiment experiment = read_experiment(o.spec_path);
  const Shard shard = parse_shard(o.shard);
  check_output_folder(o.out_dir);
  const std::string base = output_base(o, experiment, shard);
  const FileBytes files = read_data_files(experiment, o.spec_path);
  const bool terminal = isatty(STDERR_FILENO);
  // Rows as they finish, one write each, so a killed run keeps them.
  AppendFile partial(base + ".csv.partial");
  SweepOptions options;
  options.shard = shard;
  options.threads = o.threads;
  options.keep_rows_on_error = true;
  // A failed write of the partial file (a full disk) stops the sweep as an
  // interrupt does and is reported as what it is, not as a point's error.
  std::string write_error;  // set once, by on_row (which run_sweep calls one at a time)
  std::atomic<bool> write_failed{false};
  options.cancelled = [&] { return interrupted() || write_failed.load(); };
  options.on_row = [&, first = true](std::size_t, const std::vector<std::string>& columns,
                                     const std::vector<std::string>& cells) mutable {
    try {
      if (first) partial.append(csv_line(columns) + "\n");
      first = false;
      partial.append(csv_line(cells) + "\n");
    } catch (const FileError& e) {
      if (!write_failed) write_error = e.what();
      write_failed = true;
    }
  };
  const std::string stem = experiment.name.empty() ? "sweep" : experiment.name;
  options.progress = [&](std::size_t done, std::size_t total) {
    if (terminal || done == total)
      std::fprintf(stderr, "\r%s: %zu/%zu points%s", stem.c_str(), done, total,
                   done == total ? "\n" : "");
    return true;
  };
  const SweepRows rows = run_sweep(experiment, files, options);
  if (write_failed) throw FileError(write_error);
  write_outputs(base, experiment, shard, rows);
  partial.remove();
  if (rows.failure) {
    std::fprintf(stderr, "damlab: %zu of %zu points finished and kept; the record says incomplete\n",
                 rows.rows.size(), rows.planned);
    std::rethrow_exception(rows.failure);
  }
  if (!rows.complete()) {
    std::fprintf(stderr, "\ndamlab: interrupted: %zu of %zu points finished and kept\n",
                 rows.rows.size(), rows.planned);
    return 130;
  }
  return 0;
}

int run_merge_command(const SweepCommandOptions& o) {
  const Experiment experiment = read_experiment(o.spec_path);
  check_output_folder(o.out_dir);
  std::vector<std::string> texts;
  for (const auto& path : o.shard_csvs) {
    const auto bytes = read_file_bytes(path, std::uint64_t{1} << 32);
    texts.emplace_back(bytes.begin(), bytes.end());
  }
  const SweepRows rows = merge_shards(experiment, texts, o.shard_csvs);
  write_outputs(output_base(o, experiment, Shard{}), experiment, Shard{}, rows);
  if (!rows.complete()) {
    std::fprintf(stderr, "damlab: merged %zu of %zu points; the record says incomplete\n",
                 rows.rows.size(), rows.planned);
    return 3;
  }
  return 0;
}

}  // namespace damlab::cli
