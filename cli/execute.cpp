#include "execute.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/experiment/record.hpp"
#include "file_bytes.hpp"

namespace damlab::cli {

namespace {

// A one-line progress bar on stderr, only when stderr is a terminal (logs and
// CI output stay clean).
Progress terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [last = -1](double fraction) mutable {
    const int percent = static_cast<int>(fraction * 100);
    if (percent == last) return true;
    last = percent;
    std::fprintf(stderr, "\r[%-40s] %3d%%", std::string(percent * 40 / 100, '#').c_str(), percent);
    if (percent == 100) std::fputc('\n', stderr);
    return true;
  };
}

}  // namespace

std::string data_file_path(const DataSpec& data, const std::string& base_dir) {
  if (data.source == DataSpec::Source::rademacher) return "";
  if (data.is_asset()) {
    const char* dir = std::getenv("DAMLAB_DATA_DIR");
    return std::string(dir && *dir ? dir : DAMLAB_DEFAULT_DATA_DIR) + "/" + data.path;
  }
  if (data.path.empty() || data.path.front() == '/' || base_dir.empty()) return data.path;
  return base_dir + "/" + data.path;
}

std::vector<std::uint8_t> read_data_file(const DataSpec& data, const std::string& base_dir) {
  const std::string path = data_file_path(data, base_dir);
  if (path.empty()) return {};
  return read_file_bytes(path, max_data_file_bytes, Content::data);
}

Json execute(const Spec& spec, const std::string& base_dir) {
  const auto bytes = read_data_file(spec.data, base_dir);
  try {
    return run_spec(spec, bytes, terminal_progress());
  } catch (const DataError& e) {
    throw DataError("'" + data_file_path(spec.data, base_dir) + "': " + e.what());
  }
}

}  // namespace damlab::cli
