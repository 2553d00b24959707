// The runner's file reading (cli/file_bytes.hpp): only regular files, each
// read once however its path is spelled, with a cap on the bytes one command
// holds.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "file_bytes.hpp"

namespace {

namespace fs = std::filesystem;
using damlab::cli::FileError;
using damlab::cli::FileLoader;
using damlab::cli::read_file_bytes;

struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("damlab-loader-" + std::to_string(getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary | std::ios::trunc) << text;
  }
};

std::string refusal(const std::function<void()>& read) {
  try {
    read();
  } catch (const FileError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(FileLoader, OneFileUnderSeveralSpellingsIsReadOnce) {
  const Scratch scratch;
  scratch.write("f", "12345678");
  fs::create_symlink(scratch.dir / "f", scratch.dir / "link");
  FileLoader loader(1 << 20);
  const auto first = loader.read((scratch.dir / "f").string(), 100);
  // Rewritten in place (same inode): a second read from disk would see it.
  scratch.write("f", "abcdefgh");
  EXPECT_EQ(loader.read((scratch.dir / "." / "f").string(), 100), first);
  EXPECT_EQ(loader.read((scratch.dir / "link").string(), 100), first);
  EXPECT_EQ(loader.read(scratch.dir.string() + "//f", 100), first);
  EXPECT_EQ(loader.total(), 4u * 8);  // every copy handed out counts
}

TEST(FileLoader, TotalIsCapped) {
  const Scratch scratch;
  scratch.write("f", "12345678");
  FileLoader loader(20);
  loader.read((scratch.dir / "f").string(), 100);
  loader.read((scratch.dir / "./f").string(), 100);
  const std::string message = refusal([&] { loader.read((scratch.dir / "f").string(), 100); });
  EXPECT_NE(message.find("more than 20 bytes (the limit for one command)"), std::string::npos) << message;
}

TEST(ReadFileBytes, OnlyRegularFiles) {
  const Scratch scratch;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(refusal([] { read_file_bytes("/dev/zero", 1 << 20); }),
            "cannot read '/dev/zero': Is a character device (only regular files are read)");
  EXPECT_EQ(refusal([&] { read_file_bytes(scratch.dir.string(), 1 << 20); }),
            "cannot read '" + scratch.dir.string() + "': Is a directory (only regular files are read)");
  const std::string fifo = (scratch.dir / "fifo").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Opening a FIFO with no writer would block: it is refused before.
  EXPECT_EQ(refusal([&] { read_file_bytes(fifo, 1 << 20); }),
            "cannot read '" + fifo + "': Is a FIFO (named pipe) (only regular files are read)");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_NE(refusal([&] { read_file_bytes((scratch.dir / "none").string(), 1 << 20); })
                .find("cannot open"),
            std::string::npos);
}

}  // namespace
