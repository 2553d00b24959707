// `damlab summarize` turns capacity sweep CSVs into their replicate summary
// (experiment/summary.hpp): NAME.csv, NAME-gap.csv and NAME-fit.csv when the
// summary asks for them, and NAME.json (its record). The figure scripts draw
// these tables; they compute no statistics themselves.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct SummarizeOptions {
  std::string spec_path;
  std::string results_dir = ".";  // where the sweeps' CSVs are
  std::string out_dir;            // default: results_dir
};

CLI::App* add_summarize_command(CLI::App& app, SummarizeOptions& options);
int run_summarize_command(const SummarizeOptions& options);

}  // namespace damlab::cli
