// Synchronous update: P states x K memories x N bits per second, P = 1000,
// N = 784, poly n = 3, states are memories with 10% of bits flipped. damlab
// (1 and 2 threads) against a plain loop and the GEMM formulation (OpenBLAS,
// float and double; each counts its decisions that differ from damlab's).
#include "blas_baselines.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/measures/recall.hpp"
#include "support.hpp"

#include <map>

namespace {

constexpr std::size_t N = 784, P = 1000;

struct Workload {
  damlab::PatternSet memories, states;
  damlab::Separation F = damlab::Separation::poly(3);
  explicit Workload(std::size_t K)
      : memories(damlab::rademacher(N, K, 0.5, 7)), states(damlab::PatternSet(N, 0)) {
    damlab::Rng rng(9);
    states = damlab::flip_bits(memories.slice(0, P), 0.1, rng);
  }
};

// damlab's result, for counting the baselines' differing decisions.
const damlab::PatternSet& exact_result(const Workload& work) {
  static std::map<std::size_t, damlab::PatternSet> cache;
  auto it = cache.find(work.memories.size());
  if (it == cache.end()) {
    auto states = work.states;
    damlab::Network(work.memories, work.F).synchronous_update(states);
    it = cache.emplace(work.memories.size(), std::move(states)).first;
  }
  return it->second;
}

void count_differences(benchmark::State& state, const Workload& work,
                       const damlab::PatternSet& result, std::size_t states) {
  const auto& exact = exact_result(work);
  std::size_t differ = 0;
  for (std::size_t p = 0; p < states; ++p) differ += damlab::hamming(result.row(p), exact.row(p));
  state.counters["differing_bits"] = static_cast<double>(differ);
}

void items(benchmark::State& state, std::size_t states, std::size_t K) {
  state.SetItemsProcessed(state.iterations() * states * K * N);
}

void BM_update_damlab(benchmark::State& state) {
  const std::size_t K = state.range(0), threads = state.range(1);
  const Workload work(K);
  const damlab::Network net(work.memories, work.F);
  bench::PeakMemory peak(state);
  damlab::PatternSet result = work.states;
  for (auto _ : state) {
    result = work.states;
    net.synchronous_update(result, {}, threads);
  }
  items(state, P, K);
  count_differences(state, work, result, P);
}
BENCHMARK(BM_update_damlab)
    ->Name("update/damlab")
    ->ArgNames({"K", "threads"})
    ->ArgsProduct({{5500, 30000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The plain loop is slow: it updates the first 100 states (throughput is per state).
void BM_update_plain(benchmark::State& state) {
  const std::size_t K = state.range(0), states = 100;
  const Workload work(K);
  const damlab::FieldTerms terms(work.F, N);
  bench::PeakMemory peak(state);
  damlab::PatternSet result = work.states;
  for (auto _ : state) {
    result = work.states.slice(0, states);
    bench::plain_synchronous_update(work.memories, terms, result);
  }
  items(state, states, K);
  count_differences(state, work, result, states);
}
BENCHMARK(BM_update_plain)->Name("update/plain_loop")->ArgName("K")->Arg(5500)->Arg(30000)
    ->Unit(benchmark::kMillisecond)->Iterations(1);

template <typename Real>
void BM_update_gemm(benchmark::State& state) {
  const std::size_t K = state.range(0);
  const Workload work(K);
  const damlab::FieldTerms terms(work.F, N);
  bench::PeakMemory peak(state);
  damlab::PatternSet result = work.states;
  for (auto _ : state) {
    result = work.states;
    bench::gemm_synchronous_update<Real>(work.memories, terms, result);
  }
  items(state, P, K);
  count_differences(state, work, result, P);
}
BENCHMARK(BM_update_gemm<float>)->Name("update/openblas_sgemm")->ArgName("K")->Arg(5500)
    ->Arg(30000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_update_gemm<double>)->Name("update/openblas_dgemm")->ArgName("K")->Arg(5500)
    ->Arg(30000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
