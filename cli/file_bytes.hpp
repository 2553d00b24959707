// Whole-file reading for the command-line runner (the core never opens files).
#pragma once

#include <cstdint>
#include <map>
#include <utility>
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

// What a file holds: any bytes (a spec, a shard), or a data file (IDX or
// packed asset), whose gzip output stops at the size its header declares.
enum class Content { any, data };

// Largest data file: the IDX format's data limit plus its largest header
// (255 dimensions); and the most data one command holds in all (two such).
inline constexpr std::uint64_t max_data_file_bytes = (std::uint64_t{1} << 31) + 4 + 4 * 255;
inline constexpr std::uint64_t max_command_data_bytes = std::uint64_t{1} << 32;

// All bytes of the regular file at path (a FIFO, device or directory is
// refused before it is opened); a file that starts with the gzip magic
// (0x1f 0x8b, e.g. the distributed MNIST files) is decompressed, so the
// caller sees the same bytes as for the plain file. Throws FileError when the
// file cannot be opened or read or is larger than max_bytes (checked before
// reading, so a wrong path to a huge file fails fast instead of filling
// memory), and DataError (from gunzip) for corrupt gzip.
std::vector<std::uint8_t> read_file_bytes(const std::string& path, std::uint64_t max_bytes,
                                          Content content = Content::any);

// The files one command reads, each read from disk once however its path is
// spelled (keyed by device and inode: "d/f", "d/./f" and a link are one
// file), with at most max_total bytes handed out in all (every copy counts,
// as the caller holds each).
class FileLoader {
 public:
  explicit FileLoader(std::uint64_t max_total) : max_total_(max_total) {}
  // read_file_bytes(path, max_bytes, Content::data), or a copy of the bytes already read
  // for the same file; throws FileError when the total would pass max_total.
  std::vector<std::uint8_t> read(const std::string& path, std::uint64_t max_bytes);
  std::uint64_t total() const { return total_; }

 private:
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::vector<std::uint8_t>> files_;
  std::uint64_t max_total_, total_ = 0;
};

// The bytes of gzip data (one or more members); path only names it in
// messages. Throws damlab::DataError for corrupt or truncated data, bytes
// after the last member that are not gzip, or more than max_bytes of output;
// with Content::data, output stops at the size its IDX or packed-asset header
// declares (a header parse_idx or parse_packed_asset refuses, or output that
// is neither, stops it at once).
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> compressed,
                                 const std::string& path, std::uint64_t max_bytes,
                                 Content content = Content::any);

}  // namespace damlab::cli
