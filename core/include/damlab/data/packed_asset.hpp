// damlab's packed pattern asset: labelled ±1 patterns, already bit-packed, so
// the browser and the tests load a data set (e.g. 10,000 MNIST digits) without
// parsing JSON or thresholding pixels. Parsed from bytes in memory: the core
// never opens files. Written by pack_asset (`damlab pack` writes the MNIST assets with it).
//
// All integers little-endian:
//   offset  size  field
//   0       8     magic "DAMLABP\0"
//   8       4     version, 1
//   12      4     N, bits per pattern, in [1, asset_max_N]
//   16      4     count, number of patterns
//   20      4     L, length of the source text in bytes, <= asset_max_source
//   24      8     FNV-1a 64 (util/fnv1a.hpp) of the payload (every byte after the header)
//   32      L     source text (UTF-8; what the data is and how it was
//                 binarized), then 0 bytes up to a multiple of 8
//   H = 32 + L rounded up to a multiple of 8: the payload,
//   H             count patterns of W = ceil(N / 64) 64-bit words each; bit i
//                 of a pattern is bit i % 64 of word i / 64, 1 is +1, the bits
//                 past N are 0 (the layout of PatternSet::all_words)
//   H + 8·W·count count labels, one byte each
// and nothing after. The words start at a multiple of 8 bytes, so a front end
// can view them in place as 64-bit words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "damlab/kernels/patterns.hpp"
#include "damlab/util/fnv1a.hpp"  // the payload checksum

namespace damlab {

inline constexpr std::uint32_t asset_version = 1;
inline constexpr std::size_t asset_max_source = 4096;
// Far above any image (MNIST: 784); keeps word counts exact in 32-bit size_t.
inline constexpr std::uint64_t asset_max_N = std::uint64_t{1} << 24;

struct LabeledPatterns {
  PatternSet patterns{1, 0};
  std::vector<std::uint8_t> labels;  // one per pattern
  std::string source;                // what the data is, for records
};

// Checks magic, version, N, sizes, zero padding and the checksum; a malformed
// asset throws DataError with a message that states the numbers involved.
LabeledPatterns parse_packed_asset(std::span<const std::uint8_t> bytes);

// Whether bytes start with the asset magic "DAMLABP\0" (false while fewer
// than 8 bytes are present).
bool has_asset_magic(std::span<const std::uint8_t> bytes);

// The whole file size the 32-byte header declares, once prefix holds it;
// nullopt while prefix ends inside it. Throws DataError as
// parse_packed_asset does for a header it refuses (magic, version, N,
// source length), so a reader can stop before the payload.
std::optional<std::uint64_t> packed_asset_declared_size(std::span<const std::uint8_t> prefix);

// The asset bytes of a set. Throws InvalidArgument when labels and patterns
// differ in number, N is above asset_max_N, the count does not fit 32 bits,
// or the source is longer than asset_max_source bytes.
std::vector<std::uint8_t> pack_asset(const LabeledPatterns& data);

}  // namespace damlab
