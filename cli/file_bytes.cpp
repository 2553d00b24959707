#include "file_bytes.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "damlab/data/idx.hpp"
#include "damlab/data/packed_asset.hpp"

namespace damlab::cli {

namespace {

bool is_gzip(std::span<const std::uint8_t> bytes, std::size_t at) {
  return bytes.size() >= at + 2 && bytes[at] == 0x1f && bytes[at + 1] == 0x8b;
}

std::string file_kind(mode_t mode) {
  if (S_ISDIR(mode)) return "Is a directory";
  if (S_ISFIFO(mode)) return "Is a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "Is a character device";
  if (S_ISBLK(mode)) return "Is a block device";
  if (S_ISSOCK(mode)) return "Is a socket";
  return "Is not a regular file";
}

}  // namespace

// Every gzip member in turn (gzip -c a b > c.gz concatenates members, and
// gunzip reads them all); anything after the last member is an error.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> compressed,
                                 const std::string& path, std::uint64_t max_bytes,
                                 Content content) {
  z_stream stream{};
  // 16 + MAX_WBITS: gzip wrapper only, with its CRC-32 and length checked.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    throw FileError("cannot decompress '" + path + "': zlib did not start");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);

  std::vector<std::uint8_t> out;
  // A data file stops at the size its header declares, an IDX header
  // (0x00 0x00 ...) or a packed asset's ("DAMLABP\0"); anything else is no
  // data file: a bomb of zeros, a header asking for more than the limit or
  // text is refused after the first chunk, not after max_bytes.
  std::uint64_t limit = max_bytes;
  const char* declared = nullptr;  // by which header
  std::uint8_t buffer[1 << 16];
  std::size_t consumed = 0;
  for (;;) {
    // avail_in is 32 bits: feed at most 1 GiB at a time.
    const std::size_t chunk = std::min<std::size_t>(compressed.size() - consumed, 1u << 30);
    stream.next_in = const_cast<Bytef*>(compressed.data() + consumed);
    stream.avail_in = static_cast<uInt>(chunk);
    stream.next_out = buffer;
    stream.avail_out = sizeof buffer;
    const int status = inflate(&stream, Z_NO_FLUSH);
    consumed += chunk - stream.avail_in;
    out.insert(out.end(), buffer, buffer + (sizeof buffer - stream.avail_out));
    if (content == Content::data && !declared && out.size() >= 2) {
      const bool idx = out[0] == 0 && out[1] == 0;
      if (!idx && out.size() >= 8 && !has_asset_magic(out))
        throw DataError("'" + path +
                        "' decompresses to neither an IDX file (first bytes 00 00) nor a "
                        "packed asset (first bytes \"DAMLABP\\0\")");
      std::optional<std::uint64_t> size;
      try {
        if (idx || out.size() >= 8) size = idx ? idx_declared_size(out) : packed_asset_declared_size(out);
      } catch (const DataError& e) {
        throw DataError("'" + path + "': " + e.what());
      }
      if (size) {
        declared = idx ? "IDX" : "packed-asset";
        limit = std::min(limit, *size);
      }
    }
    if (out.size() > limit)
      throw DataError("'" + path + "' decompresses to more than " + std::to_string(limit) +
                      (declared ? std::string(" bytes, the size its ") + declared + " header declares"
                                : std::string(" bytes (the limit)")));
    if (status == Z_STREAM_END) {
      if (consumed == compressed.size()) return out;
      if (!is_gzip(compressed, consumed))
        throw DataError("corrupt gzip file '" + path + "': " +
                        std::to_string(compressed.size() - consumed) +
                        " bytes after the compressed data are not gzip");
      inflateReset(&stream);
      continue;
    }
    if (status == Z_BUF_ERROR && consumed == compressed.size())
      throw DataError("corrupt gzip file '" + path +
                      "': truncated (the compressed data ends early)");
    if (status != Z_OK && status != Z_BUF_ERROR)
      throw DataError("corrupt gzip file '" + path + "': " +
                      (stream.msg ? stream.msg : "zlib error " + std::to_string(status)));
  }
}

std::vector<std::uint8_t> read_file_bytes(const std::string& path,
                                          std::uint64_t max_bytes, Content content) {
  // Only regular files: a FIFO would block the open, and a device or
  // /proc file has no size to check before reading.
  struct stat info {};
  if (stat(path.c_str(), &info) != 0)
    throw FileError("cannot open '" + path + "': " + std::strerror(errno));
  if (!S_ISREG(info.st_mode))
    throw FileError("cannot read '" + path + "': " + file_kind(info.st_mode) +
                    " (only regular files are read)");
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    throw FileError("cannot open '" + path + "': " + std::strerror(errno));
  std::vector<std::uint8_t> bytes;
  // The size is known: refuse it before reading, and read it without the
  // vector doubling past it. (A file growing meanwhile is checked while
  // reading.)
  if (fstat(fileno(file.get()), &info) == 0 && S_ISREG(info.st_mode)) {
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size > max_bytes)
      throw FileError("'" + path + "' has " + std::to_string(size) +
                      " bytes, more than the limit of " + std::to_string(max_bytes));
    bytes.reserve(static_cast<std::size_t>(size));
  }
  std::uint8_t buffer[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.insert(bytes.end(), buffer, buffer + got);
    // Compressed data is (almost always) smaller than the data, so the same
    // limit bounds the file before decompression too.
    if (bytes.size() > max_bytes)
      throw FileError("'" + path + "' is larger than the limit of " +
                      std::to_string(max_bytes) + " bytes");
    if (got < sizeof buffer) break;
  }
  // A directory opens fine on Linux and fails only here (EISDIR).
  if (std::ferror(file.get()))
    throw FileError("cannot read '" + path + "': " + std::strerror(errno));
  return is_gzip(bytes, 0) ? gunzip(bytes, path, max_bytes, content) : bytes;
}

std::vector<std::uint8_t> FileLoader::read(const std::string& path, std::uint64_t max_bytes) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0)
    throw FileError("cannot open '" + path + "': " + std::strerror(errno));
  const auto key = std::make_pair(static_cast<std::uint64_t>(info.st_dev),
                                  static_cast<std::uint64_t>(info.st_ino));
  auto found = files_.find(key);
  if (found == files_.end())
    found = files_.emplace(key, read_file_bytes(path, max_bytes, Content::data)).first;
  const std::uint64_t size = found->second.size();
  if (size > max_total_ - total_)
    throw FileError("'" + path + "' (" + std::to_string(size) +
                    " bytes) would take the data held to more than " +
                    std::to_string(max_total_) + " bytes (the limit for one command)");
  total_ += size;
  return found->second;
}

}  // namespace damlab::cli
