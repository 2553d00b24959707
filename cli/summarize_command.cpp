#include "summarize_command.hpp"

#include <cstdio>
#include <filesystem>
#include <map>

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
  const std::string out_dir = o.out_dir.empty() ? o.results_dir : o.out_dir;
  if (is_replicate_summary(json)) {
    const ReplicateSummarySpec spec = parse_replicate_summary_spec(json);
    const ReplicateTables tables =
        summarize_replicates(spec, read_csvs(spec.sweeps, o.results_dir));
    check_output_folder(out_dir);
    const auto base = (std::filesystem::path(out_dir) / spec.name).string();
    write_file_atomically(base + ".csv", tables.summary_csv);
    write_file_atomically(base + ".json", tables.record.dump(2) + "\n");
    std::fprintf(stderr, "damlab: wrote %s.csv and %s.json\n", base.c_str(), base.c_str());
    return 0;
  }
  const SummarySpec spec = parse_summary_spec(json);
  std::vector<std::string> sweeps;
  for (const auto& [label, names] : spec.sweeps) sweeps.insert(sweeps.end(), names.begin(), names.end());
  const SummaryTables tables = summarize(spec, read_csvs(sweeps, o.results_dir));
  check_output_folder(out_dir);
  const auto base = (std::filesystem::path(out_dir) / spec.name).string();
  write_file_atomically(base + ".csv", tables.summary_csv);
  if (!tables.gap_csv.empty()) write_file_atomically(base + "-gap.csv", tables.gap_csv);
  if (!tables.fit_csv.empty()) write_file_atomically(base + "-fit.csv", tables.fit_csv);
  if (!tables.drift_csv.empty()) write_file_atomically(base + "-drift.csv", tables.drift_csv);
  write_file_atomically(base + ".json", tables.record.dump(2) + "\n");
  std::fprintf(stderr, "damlab: wrote %s.csv%s%s%s and %s.json\n", base.c_str(),
               tables.gap_csv.empty() ? "" : ", -gap.csv", tables.fit_csv.empty() ? "" : ", -fit.csv",
               tables.drift_csv.empty() ? "" : ", -drift.csv", base.c_str());
  return 0;
}

}  // namespace damlab::cli
