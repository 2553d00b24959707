#include "file_bytes.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace damlab::cli {

std::vector<std::uint8_t> read_file_bytes(const std::string& path,
                                          std::uint64_t max_bytes) {
  errno = 0;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(
      std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file)
    throw FileError("cannot open '" + path + "': " + std::strerror(errno));
  std::vector<std::uint8_t> bytes;
  std::uint8_t buffer[1 << 16];
  for (;;) {
    const std::size_t got = std::fread(buffer, 1, sizeof buffer, file.get());
    bytes.insert(bytes.end(), buffer, buffer + got);
    if (bytes.size() > max_bytes)
      throw FileError("'" + path + "' is larger than " +
                      std::to_string(max_bytes) + " bytes");
    if (got < sizeof buffer) break;
  }
  // A directory opens fine on Linux and fails only here (EISDIR).
  if (std::ferror(file.get()))
    throw FileError("cannot read '" + path + "': " + std::strerror(errno));
  return bytes;
}

}  // namespace damlab::cli
