// Overlap kernel: pattern pairs per second at N = 784, the block kernel on
// every popcount path against the per-pair loop.
#include "blas_baselines.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/kernels/overlaps.hpp"
#include "support.hpp"

#include <algorithm>

namespace {

constexpr std::size_t N = 784, S = 2048;

void BM_overlap_per_pair(benchmark::State& state) {
  const auto set = damlab::rademacher(N, S, 0.5, 1);
  bench::PeakMemory peak(state);
  for (auto _ : state) benchmark::DoNotOptimize(bench::per_pair_overlaps(set, set));
  state.SetItemsProcessed(state.iterations() * S * S);
}
BENCHMARK(BM_overlap_per_pair)->Name("overlap/per_pair")->Unit(benchmark::kMillisecond);

void BM_overlap_block(benchmark::State& state) {
  const auto path = static_cast<damlab::PopcountPath>(state.range(0));
  const auto paths = damlab::available_popcount_paths();
  if (std::find(paths.begin(), paths.end(), path) == paths.end()) {
    state.SkipWithError("this CPU lacks the instructions");
    return;
  }
  state.SetLabel(damlab::to_string(path));
  const auto set = damlab::rademacher(N, S, 0.5, 1);
  bench::PeakMemory peak(state);
  for (auto _ : state) benchmark::DoNotOptimize(damlab::overlap_matrix(set, set, path));
  state.SetItemsProcessed(state.iterations() * S * S);
}
BENCHMARK(BM_overlap_block)
    ->Name("overlap/block")
    ->ArgName("path")
    ->DenseRange(0, 2)
    ->Unit(benchmark::kMillisecond);

}  // namespace
