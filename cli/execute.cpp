#include "execute.hpp"

#include <unistd.h>

#include <cstdio>
#include <vector>

#include "damlab/error.hpp"
#include "damlab/idx.hpp"
#include "file_bytes.hpp"

namespace damlab::cli {

namespace {

std::string resolve(const std::string& path, const std::string& base_dir) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) return path;
  return base_dir + "/" + path;
}

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

Json execute(const Spec& spec, const std::string& base_dir) {
  std::vector<std::uint8_t> bytes;
  const std::string path = resolve(spec.data.path, base_dir);
  if (spec.data.source == DataSpec::Source::idx)
    // The format's data limit plus its largest header (255 dimensions).
    bytes = read_file_bytes(path, idx_max_data_bytes + 4 + 4 * 255);
  try {
    return run_spec(spec, bytes, terminal_progress());
  } catch (const DataError& e) {
    throw DataError("'" + path + "': " + e.what());
  }
}

}  // namespace damlab::cli
