// `damlab memories FILE` prints trained memories (a DAMLABM file written by a
// train run, docs/experiments.md) as CSV, one memory a row: its N pixel
// values, then its C label values, each in [-1, 1]. The file is decoded and
// checked by the core's decoder; the figure script draws the rows as images.
#pragma once

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct MemoriesOptions {
  std::string path;
  std::size_t first = 100;  // memories printed: the first `first` (all if fewer)
};

CLI::App* add_memories_command(CLI::App& app, MemoriesOptions& options);
// The CSV text: header `memory,pixel_0,…,pixel_{N-1},label_0,…,label_{C-1}`.
std::string memories_csv(const MemoriesOptions& options);

}  // namespace damlab::cli
