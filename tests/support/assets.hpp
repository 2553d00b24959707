// The packed data sets that scripts/setup.sh produces (public/data), for the
// tests that need real digits. A missing asset is a test failure, not a skip:
// set-up always packs it, so its absence is a broken set-up.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "damlab/data/packed_asset.hpp"

namespace damlab_test {

// DAMLAB_DATA_DIR from the environment, else the build's default.
inline std::string data_dir() {
  const char* dir = std::getenv("DAMLAB_DATA_DIR");
  return dir && *dir ? dir : DAMLAB_DATA_DIR;
}

// The bytes of a file, or an empty vector when it cannot be read.
inline std::vector<std::uint8_t> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// data_dir()/name parsed, once per name; nullptr and a failure when missing.
inline const damlab::LabeledPatterns* asset(const std::string& name) {
  static std::map<std::string, damlab::LabeledPatterns> loaded;
  if (const auto found = loaded.find(name); found != loaded.end()) return &found->second;
  const std::string path = data_dir() + "/" + name;
  const auto bytes = file_bytes(path);
  if (bytes.empty()) {
    ADD_FAILURE() << path << " is missing: run `bash scripts/setup.sh` (or "
                  << "`build/cli/damlab pack`) to pack it";
    return nullptr;
  }
  return &loaded.emplace(name, damlab::parse_packed_asset(bytes)).first->second;
}

}  // namespace damlab_test
