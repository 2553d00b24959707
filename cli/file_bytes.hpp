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

// All bytes of the file at path. Throws FileError when it cannot be opened or
// read, or holds more than max_bytes (so a wrong path to a huge file fails
// fast instead of filling memory).
std::vector<std::uint8_t> read_file_bytes(const std::string& path,
                                          std::uint64_t max_bytes);

}  // namespace damlab::cli
