// The IDX file format (the format of the original MNIST files), parsed from
// bytes already in memory: the core never opens files, so the CLI, tests and
// the browser all hand it the same bytes.
//   bytes 0-1  0x00 0x00
//   byte  2    data type (only 0x08, unsigned byte, is supported)
//   byte  3    number of dimensions, >= 1
//   then one big-endian uint32 per dimension, then the data, row-major.
// Every malformed input throws DataError with a message that states the
// numbers involved (expected vs present bytes, the type code, ...).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "damlab/kernels/patterns.hpp"

namespace damlab {

struct IdxArray {
  std::vector<std::uint32_t> dims;
  std::vector<std::uint8_t> data;  // product of dims bytes, row-major
};

// Largest data part accepted (2 GiB): far above the full MNIST training file
// (47 MB), and it keeps sizes inside 32-bit signed indexing in the browser.
inline constexpr std::uint64_t idx_max_data_bytes = std::uint64_t{1} << 31;

IdxArray parse_idx(std::span<const std::uint8_t> bytes,
                   std::uint64_t max_data_bytes = idx_max_data_bytes);

// The whole file size (header + data bytes) an IDX header declares, once
// prefix holds the header; nullopt while prefix ends inside it. Throws
// DataError as parse_idx does for a header it refuses (magic, type, no
// dimensions, more than max_data_bytes), so a reader can stop before the data.
std::optional<std::uint64_t> idx_declared_size(std::span<const std::uint8_t> prefix,
                                               std::uint64_t max_data_bytes = idx_max_data_bytes);

// Items = dims[0]; each item (any shape, e.g. 28x28) flattened to N bits,
// value >= threshold gives +1. Needs at least 2 dimensions and N >= 1.
PatternSet idx_patterns(const IdxArray& array, std::uint8_t threshold);

// The values of a 1-dimensional IDX array (e.g. MNIST labels).
std::vector<std::uint8_t> idx_labels(const IdxArray& array);

}  // namespace damlab
