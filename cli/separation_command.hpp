// `damlab separation` prints the mean pairwise Hamming distance of a spec's
// data (all its patterns, and within each class when the data has labels),
// through the core's pairwise_distance: the number the correlations paper
// quotes for MNIST ("avg. HD≈112"), measured on the data damlab has.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct SeparationOptions {
  std::string spec_path;
};

CLI::App* add_separation_command(CLI::App& app, SeparationOptions& options);
// The JSON text: {"spec", "data": {N, count, checksum}, "mean_hd",
// "distance_sum", "pairs", "classes": [{label, count, mean_hd, ...}, ...],
// "within_class": {mean_hd of all same-class pairs, average_of_class_means}}.
std::string separation_json(const SeparationOptions& options);

}  // namespace damlab::cli
