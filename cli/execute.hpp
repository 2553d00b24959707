// Runs one validated spec from the command line: reads the file its data
// names, shows progress on a terminal, and returns the record that
// damlab::run_spec produces.
//   idx files:   data.path, relative to the spec's folder (base_dir)
//   mnist, fashion-mnist: the packed asset in $DAMLAB_DATA_DIR, by default
//                the repository's public/data (written by the set-up).
// A train spec (run_train_command) reads the grey asset mnist-10k-grey.bin
// from the same folder, Fashion-MNIST's IDX files from $DAMLAB_FASHION_DIR
// (default /usr/share/datasets/fashion-mnist, Debian's dataset-fashion-mnist)
// and idx files relative to the spec's folder.
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

// Where a file a train spec's data names (LabelledDataSpec::files()) lives.
std::string labelled_file_path(const LabelledDataSpec& data, const std::string& name,
                               const std::string& base_dir);

// Where a file a trained source reads (trained_files) lives: the memory file
// relative to the spec's folder, the grey asset in the data folder.
std::string trained_file_path(const DataSpec& data, const std::string& name,
                              const std::string& base_dir);

// `damlab run` of one spec: a train spec trains (progress per epoch on
// stderr, Ctrl-C keeps what finished); any spec's record goes to stdout, or
// with out_dir to out_dir/STEM.json (STEM: the spec file's name without
// .json), a train spec's memories to out_dir/STEM.memories. Returns the exit
// code: 0, or 130 when interrupted (the record then says "complete": false).
int run_command(const std::string& spec_path, const std::string& out_dir);
}  // namespace damlab::cli
