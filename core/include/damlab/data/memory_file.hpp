// The trained-memory file: the memories the Krotov–Hopfield (2016) trainer
// learned (train/trained_memories.hpp), as bytes that `damlab run` writes and
// the other measures, the browser and the tests read back (docs/data.md).
// Encoded and decoded in memory: the core never opens files.
//
// All integers little-endian:
//   offset  size          field
//   0       8             magic "DAMLABM\0"
//   8       4             version, 1
//   12      4             K, memories, in [1, memory_file_max_K]
//   16      4             N, pixels, in [1, memory_file_max_N]
//   20      4             C, classes (label neurons), in [2, 255]
//   24      4             F: 0 rectpoly, 1 exp
//   28      4             n, the degree: in [1, 100] for rectpoly, 0 for exp
//   32      8             T, the temperature of the label update, IEEE-754
//                         binary64, finite and > 0
//   40      8             FNV-1a 64 (util/fnv1a.hpp) of the payload (every byte after the header)
//   48      4·K·(N+C)     the weights, IEEE-754 binary32, memory after memory,
//                         each its N pixels then its C label values, every
//                         value finite and in [−1, 1]
// and nothing after.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "damlab/train/trained_memories.hpp"

namespace damlab {

inline constexpr std::uint32_t memory_file_version = 1;
inline constexpr std::size_t memory_file_header = 48;
inline constexpr std::uint64_t memory_file_max_K = 1'000'000;
inline constexpr std::uint64_t memory_file_max_N = std::uint64_t{1} << 24;

// The file's bytes. Throws InvalidArgument (the field named as in the header:
// "K", "N", "C", "n", "T", "weights") for memories the format cannot hold.
std::vector<std::uint8_t> encode_memory_file(const TrainedMemories& memories);

// The memories of a file. Every header field is checked in order (magic,
// version, K, N, C, F, n, T, the size, the checksum, then every weight) and a
// failure throws DataError naming the field, its value and its range. For
// F = exp the degree is TrainingF's default (the file stores 0).
TrainedMemories decode_memory_file(std::span<const std::uint8_t> bytes);

// The checksum field of a file's bytes (records write it with hex64): the
// FNV-1a 64 of its payload. bytes must be a file encode_memory_file wrote.
std::uint64_t memory_file_checksum(std::span<const std::uint8_t> bytes);

}  // namespace damlab
