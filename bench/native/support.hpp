// What every benchmark shares: its data and its peak memory.
#pragma once

#include <benchmark/benchmark.h>

#include <cstddef>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "damlab/experiment/data_source.hpp"

namespace bench {

// Peak resident memory since the last reset, in MiB (Linux: VmHWM; writing 5
// to clear_refs resets it to the current size).
inline void reset_peak_memory() { std::ofstream("/proc/self/clear_refs") << "5"; }
inline double peak_memory_mib() {
  std::ifstream status("/proc/self/status");
  std::string key;
  double kib = 0;
  while (status >> key) {
    if (key == "VmHWM:") { status >> kib; break; }
    status.ignore(1 << 12, '\n');
  }
  return kib / 1024.0;
}

// Reports the case's peak memory as a counter; construct after the data.
struct PeakMemory {
  benchmark::State& state;
  explicit PeakMemory(benchmark::State& s) : state(s) { reset_peak_memory(); }
  ~PeakMemory() { state.counters["peak_MiB"] = peak_memory_mib(); }
};

// The first S patterns of a packed asset (public/data), binarized as in the specs.
inline damlab::PatternSet asset_patterns(const std::string& file, std::size_t S) {
  std::ifstream in(std::string(DAMLAB_DATA_DIR) + "/" + file, std::ios::binary);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  damlab::DataSpec data;
  data.source = file.rfind("fashion", 0) == 0 ? damlab::DataSpec::Source::fashion_mnist
                                              : damlab::DataSpec::Source::mnist;
  data.S = S;
  return damlab::load_data(data, bytes).patterns;
}

}  // namespace bench
