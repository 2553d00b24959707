// The data section of a spec made into patterns: generated (rademacher), read
// from an IDX file, or selected from a packed asset (mnist, fashion-mnist),
// and the checksum that identifies the patterns in records.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// The spec's patterns, with labels when the data has them, and what the
// selection reached (for records); file_bytes holds the file an idx source
// names or the packed asset of mnist / fashion-mnist. progress is polled
// while patterns are generated or greedily selected (a cancellation throws
// Cancelled).
struct LoadedData {
  PatternSet patterns{1, 0};
  std::vector<std::uint8_t> labels;  // empty for unlabelled data
  Json notes = Json::object();       // e.g. the greedy selection's reached HD
};
LoadedData load_data(const DataSpec& data, std::span<const std::uint8_t> file_bytes = {},
                     const Progress& progress = {});

// The packed asset file name of an asset source ("mnist-10k.bin", ...).
std::string asset_file_name(DataSpec::Source source);

// FNV-1a 64 of the packed pattern words, each as 8 little-endian bytes, in hex.
std::string checksum(const PatternSet& set);

}  // namespace damlab
