// Capacity at N = 784, poly n = 3, on the
// first S digits of MNIST (S = 50, 2000) and Fashion-MNIST (S = 15000), and on
// random patterns. damlab's exact mode (the whole profile, every K) and its
// binary search against the paper's binary search with each K checked by
// OpenBLAS GEMMs (Kmax of each reported as a counter).
#include "blas_baselines.hpp"
#include "damlab/dam/capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "support.hpp"

namespace {

constexpr std::size_t N = 784;

damlab::PatternSet data(std::size_t S, bool random) {
  if (random) return damlab::rademacher(N, S, 0.5, 3);
  return bench::asset_patterns(S <= 10000 ? "mnist-10k.bin" : "fashion-mnist.bin", S);
}

// One case: kmax_of(set) -> Kmax, timed, on the data of the case's arguments.
template <typename KmaxOf>
void run_case(benchmark::State& state, KmaxOf&& kmax_of) {
  const std::size_t S = state.range(0);
  const bool random = state.range(1) != 0;
  state.SetLabel(random ? "random" : S <= 10000 ? "mnist" : "fashion-mnist");
  const auto set = data(S, random);
  bench::PeakMemory peak(state);
  std::size_t kmax = 0;
  for (auto _ : state) kmax = kmax_of(set);
  state.counters["kmax"] = static_cast<double>(kmax);
  state.SetItemsProcessed(state.iterations() * S);
}

const damlab::Separation F = damlab::Separation::poly(3);

void BM_capacity_exact(benchmark::State& state) {
  const std::size_t threads = state.range(2);
  run_case(state, [&](const damlab::PatternSet& set) {
    return damlab::capacity(set, F, {}, threads).exact.kmax;
  });
}

void BM_capacity_binary(benchmark::State& state) {
  run_case(state, [](const damlab::PatternSet& set) {
    return damlab::binary_search_capacity(set, F).kmax;
  });
}

void BM_capacity_gemm(benchmark::State& state) {
  const damlab::FieldTerms terms(F, N);
  run_case(state, [&](const damlab::PatternSet& set) {
    return bench::gemm_binary_search_capacity(set, terms);
  });
}

// Random S = 15000 is left to the exact mode: every K up to S is retrieved,
// and each binary-search step then costs minutes.
void cases(benchmark::internal::Benchmark* b) {
  b->ArgNames({"S", "random"});
  for (long S : {50, 2000, 15000})
    for (long random : {0, 1})
      if (!(S == 15000 && random)) b->Args({S, random});
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

void exact_cases(benchmark::internal::Benchmark* b) {
  b->ArgNames({"S", "random", "threads"});
  for (long S : {50, 2000, 15000})
    for (long random : {0, 1})
      for (long threads : {1, 2})
        if (threads == 1 || S >= 2000) b->Args({S, random, threads});
  b->Unit(benchmark::kMillisecond)->UseRealTime();
}

BENCHMARK(BM_capacity_exact)->Name("capacity/damlab_exact")->Apply(exact_cases);
BENCHMARK(BM_capacity_binary)->Name("capacity/damlab_binary")->Apply(cases);
BENCHMARK(BM_capacity_gemm)->Name("capacity/openblas_binary")->Apply(cases);

}  // namespace
