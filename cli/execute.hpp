// Runs one validated spec from the command line: reads the file its data
// names, shows progress on a terminal, and returns the record that
// damlab::run_spec produces.
//   idx files:   data.path, relative to the spec's folder (base_dir)
//   mnist, fashion-mnist: the packed asset in $DAMLAB_DATA_DIR, by default
//                the repository's public/data (written by the set-up).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/spec.hpp"

namespace damlab::cli {

// Where the file of a data spec lives ("" for generated data).
std::string data_file_path(const DataSpec& data, const std::string& base_dir);
std::vector<std::uint8_t> read_data_file(const DataSpec& data, const std::string& base_dir);

Json execute(const Spec& spec, const std::string& base_dir);

}  // namespace damlab::cli
