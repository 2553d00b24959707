// Writing the runner's outputs so that a failed write is never silent: every
// write, flush and close is checked (a full disk, /dev/full), and files are
// replaced atomically (a temporary file in the same folder, then renamed),
// so an output is either the old file or the complete new one.
#pragma once

#include <string>
#include <string_view>

namespace damlab::cli {

// Creates the folder if needed and checks that a file can be created in it,
// before any work. Throws FileError naming the folder and the reason.
void check_output_folder(const std::string& dir);

// Replaces path by a file holding text. A symbolic link at path is replaced
// by the file, never written through (an output cannot reach outside its
// folder). Throws FileError naming the path and the reason.
void write_file_atomically(const std::string& path, std::string_view text);

// A file written line by line, each line reaching the file (one write call)
// before append returns, so a killed run keeps what it wrote. Created when
// opened; remove() deletes it.
class AppendFile {
 public:
  explicit AppendFile(std::string path);
  ~AppendFile();
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;
  void append(std::string_view text);
  void remove();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

// Flushes and closes standard output and checks that everything printed
// reached it (e.g. not /dev/full, no error on close). Throws FileError.
void finish_stdout();

}  // namespace damlab::cli
