#include "file_bytes.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace damlab::cli {

namespace {

bool is_gzip(std::span<const std::uint8_t> bytes, std::size_t at) {
  return bytes.size() >= at + 2 && bytes[at] == 0x1f && bytes[at + 1] == 0x8b;
}

}  // namespace

// Every gzip member in turn (gzip -c a b > c.gz concatenates members, and
// gunzip reads them all); anything after the last member is an error.
std::vector<std::uint8_t> gunzip(std::span<const std::uint8_t> compressed,
                                 const std::string& path,
                                 std::uint64_t max_bytes) {
  z_stream stream{};
  // 16 + MAX_WBITS: gzip wrapper only, with its CRC-32 and length checked.
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
    throw FileError("cannot decompress '" + path + "': zlib did not start");
  std::unique_ptr<z_stream, int (*)(z_stream*)> guard(&stream, &inflateEnd);

  std::vector<std::uint8_t> out;
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
    if (out.size() > max_bytes)
      throw DataError("'" + path + "' decompresses to more than " +
                      std::to_string(max_bytes) + " bytes (the limit)");
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
                                          std::uint64_t max_bytes) {
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    throw FileError("cannot open '" + path + "': " + std::strerror(errno));
  std::vector<std::uint8_t> bytes;
  // A regular file's size is known: refuse it before reading, and read it
  // without the vector doubling past it. Pipes are checked while reading.
  struct stat info {};
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
  return is_gzip(bytes, 0) ? gunzip(bytes, path, max_bytes) : bytes;
}

}  // namespace damlab::cli
