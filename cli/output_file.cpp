#include "output_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "file_bytes.hpp"

namespace damlab::cli {

namespace {

std::string reason() { return std::strerror(errno); }

// All of text into fd, retrying short writes and interrupted calls.
bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

std::string folder_of(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

// A new empty file next to path (mkstemp: a fresh name, never a link).
int make_temporary(const std::string& path, std::string& temporary) {
  std::string name = path + ".tmp-XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  temporary = buffer.data();
  return fd;
}

}  // namespace

void check_output_folder(const std::string& dir) {
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) throw FileError("cannot create the output folder '" + dir + "': " + error.message());
  std::string probe;
  const int fd = make_temporary((std::filesystem::path(dir) / ".damlab-write-check").string(), probe);
  if (fd < 0) throw FileError("cannot write in the output folder '" + dir + "': " + reason());
  ::close(fd);
  ::unlink(probe.c_str());
}

void write_file_atomically(const std::string& path, std::string_view text) {
  std::string temporary;
  const int fd = make_temporary(path, temporary);
  if (fd < 0) throw FileError("cannot write in '" + folder_of(path) + "': " + reason());
  // fsync: the data is on disk before the rename makes it the output.
  const bool written = write_all(fd, text) && ::fchmod(fd, 0644) == 0 && ::fsync(fd) == 0;
  const std::string why = reason();
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    ::unlink(temporary.c_str());
    throw FileError("cannot write '" + path + "': " + (written ? reason() : why));
  }
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string rename_why = reason();
    ::unlink(temporary.c_str());
    throw FileError("cannot write '" + path + "': " + rename_why);
  }
}

AppendFile::AppendFile(std::string path) : path_(std::move(path)) {
  // O_NOFOLLOW: a link planted at this name is refused, not written through.
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd_ < 0) throw FileError("cannot write '" + path_ + "': " + reason());
}

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

void AppendFile::append(std::string_view text) {
  if (fd_ < 0 || !write_all(fd_, text)) throw FileError("cannot write '" + path_ + "': " + reason());
}

void AppendFile::remove() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  ::unlink(path_.c_str());
}

void finish_stdout() {
  std::cout.flush();
  const bool ok = static_cast<bool>(std::cout) && std::fflush(stdout) == 0 && !std::ferror(stdout);
  if (!ok) throw FileError("cannot write to standard output: " + reason());
  // Some file systems (NFS, a full quota) report a failed write only when
  // the file is closed. The descriptor is closed, not the FILE: stdio and
  // iostreams still flush their (empty) buffers at exit.
  if (::close(STDOUT_FILENO) != 0) throw FileError("cannot close standard output: " + reason());
}

}  // namespace damlab::cli
