// Whole-file reading for the command-line runner (the core never opens files).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace damlab::cli {

// A file that cannot be read; the message names the path and the reason.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// All bytes of the file at path; a file that starts with the gzip magic
// (0x1f 0x8b, e.g. the distributed MNIST files) is decompressed, so the
// caller sees the same bytes as for the plain file. Throws FileError when the
// file cannot be opened or read, is corrupt gzip, or holds (after
// decompression) more than max_bytes, so a wrong path to a huge file fails
// fast instead of filling memory.
std::vector<std::uint8_t> read_file_bytes(const std::string& path,
                                          std::uint64_t max_bytes);

}  // namespace damlab::cli
