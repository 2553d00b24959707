#include "summarize_command.hpp"

#include <cstdio>
#include <filesystem>
#include <map>
#include <utility>
#include <vector>

#include "damlab/experiment/replicate_summary.hpp"
#include "damlab/experiment/summary.hpp"
#include "file_bytes.hpp"
#include "output_file.hpp"

namespace damlab::cli {

namespace {

// A sweep CSV holds at most 100,000 rows of a few hundred bytes.
constexpr std::uint64_t max_csv_bytes = std::uint64_t{1} << 28;

std::string read_text(const std::string& path, std::uint64_t max_bytes) {
  const auto bytes = read_file_bytes(path, max_bytes);
  return {bytes.begin(), bytes.end()};
}

}  // namespace

CLI::App* add_summarize_command(CLI::App& app, SummarizeOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "summarize", "Summarize sweeps (a summary spec, docs/experiments.md): capacity sweeps' "
                   "mean Kmax with intervals per HD bucket and degree (NAME.csv, NAME-gap.csv, "
                   "NAME-fit.csv), or, with group_by, any sweep's replicates: means with "
                   "intervals per group (NAME.csv); and NAME.json, into --out");
  cmd->add_option("spec", o.spec_path, "Summary spec (JSON)")->required();
  cmd->add_option("--results", o.results_dir,
                  "Folder of the sweeps' CSVs (SWEEP.csv); default .");
  cmd->add_option("--out", o.out_dir, "Output folder, created if needed; default --results");
  return cmd;
}

namespace {

std::map<std::string, std::string> read_csvs(const std::vector<std::string>& sweeps,
                                             const std::string& results_dir) {
  std::map<std::string, std::string> csvs;
  for (const std::string& sweep : sweeps)
    if (!csvs.count(sweep))
      csvs[sweep] = read_text((std::filesystem::path(results_dir) / (sweep + ".csv")).string(),
                              max_csv_bytes);
  return csvs;
}

}  // namespace

int run_summarize_command(const SummarizeOptions& o) {
  const Json json = parse_json_text(read_text(o.spec_path, 1 << 24));
  // (suffix, text) of each table to write; empty texts are tables not asked for.
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;
  Json record;
  if (is_replicate_summary(json)) {
    const ReplicateSummarySpec spec = parse_replicate_summary_spec(json);
    ReplicateTables tables = summarize_replicates(spec, read_csvs(spec.sweeps, o.results_dir));
    name = spec.name;
    files = {{".csv", tables.summary_csv}};
    record = std::move(tables.record);
  } else {
    const SummarySpec spec = parse_summary_spec(json);
    std::vector<std::string> sweeps;
    for (const auto& [label, names] : spec.sweeps) sweeps.insert(sweeps.end(), names.begin(), names.end());
    SummaryTables tables = summarize(spec, read_csvs(sweeps, o.results_dir));
    name = spec.name;
    files = {{".csv", tables.summary_csv},
             {"-gap.csv", tables.gap_csv},
             {"-fit.csv", tables.fit_csv},
             {"-drift.csv", tables.drift_csv}};
    record = std::move(tables.record);
  }
  const std::string out_dir = o.out_dir.empty() ? o.results_dir : o.out_dir;
  check_output_folder(out_dir);
  const auto base = (std::filesystem::path(out_dir) / name).string();
  std::string written;
  for (const auto& [suffix, text] : files) {
    if (text.empty()) continue;
    write_file_atomically(base + suffix, text);
    written += (written.empty() ? base : std::string(", ")) + suffix;
  }
  write_file_atomically(base + ".json", record.dump(2) + "\n");
  std::fprintf(stderr, "damlab: wrote %s and %s.json\n", written.c_str(), base.c_str());
  return 0;
}

}  // namespace damlab::cli
