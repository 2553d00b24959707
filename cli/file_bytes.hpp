// Whole-file reading for the command-line runner (the core never opens files).
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "damlab/util/error.hpp"

namespace damlab::cli {

// A file that cannot be read; the message names the path and the reason.
class FileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// All bytes of the file at path; a file that starts with the gzip magic
// (0x1f 0x8b, e.g. the distributed MNIST files) is decompressed, so the
// caller sees the same bytes as for the plain file. Throws FileError when the
// file cannot be opened or read or is larger than max_bytes (checked before
// reading, so a wrong path to a huge file fails fast instead of filling
// memory), and DataError (from gunzip) for corrupt gzip.
std::vector<std::uint8_t> read_file_bytes(const std::string& path,
                                          std::uint64_t max_bytes);

// The bytes of gzip data (one or more members); path only names it in
// messages. Throws damlab::DataError for corrupt or truncated data, bytes
// after the last member that are not gzip, or more than max_bytes of output.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> compressed,
                                 const std::string& path, std::uint64_t max_bytes);

}  // namespace damlab::cli
