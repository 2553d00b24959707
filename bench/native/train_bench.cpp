// One minibatch step of Krotov–Hopfield training (the forward pass, the loss
// and the exact gradient; the memory update itself is K × (N + C) work):
// K memories, N = 784 pixels, C = 10 classes, a batch of B = 1000 random
// images, rectpoly n = 20 at T = 540, m = 30. damlab's vector path (1 and 2
// threads) against its scalar reference path (the same sums in the same
// order, one element at a time). Items are K × N × B multiply-adds (one of
// the step's two float products).
#include "damlab/data/rng.hpp"
#include "damlab/train/loss_gradient.hpp"
#include "damlab/train/trainer.hpp"
#include "support.hpp"

namespace {

constexpr std::size_t N = 784, C = 10, B = 1000;

struct Workload {
  damlab::TrainedMemories memories;
  std::vector<float> images;
  std::vector<std::uint8_t> labels;
  std::vector<double> gradient;
  explicit Workload(std::size_t K) {
    damlab::TrainingOptions o;
    o.memories = K;
    memories = damlab::initial_memories(o, N, C);
    memories.temperature = 540;
    damlab::Rng rng(3);
    for (std::size_t k = 0; k < B * N; ++k)
      images.push_back(static_cast<float>(2 * rng.uniform() - 1));
    for (std::size_t a = 0; a < B; ++a) labels.push_back(static_cast<std::uint8_t>(rng.below(C)));
    gradient.resize(K * (N + C));
  }
};

void step(benchmark::State& state, damlab::FloatPath path, std::size_t threads) {
  const std::size_t K = state.range(0);
  Workload work(K);
  const damlab::LabelledView batch{work.images, work.labels, N, C};
  bench::PeakMemory peak(state);
  for (auto _ : state) {
    const auto outcome = damlab::loss_gradient(work.memories, batch, 30, work.gradient, threads,
                                               path);
    benchmark::DoNotOptimize(outcome.loss);
  }
  state.SetItemsProcessed(state.iterations() * K * N * B);
}

void BM_train_step(benchmark::State& state) {
  step(state, damlab::FloatPath::simd, state.range(1));
}
BENCHMARK(BM_train_step)
    ->Name("train/damlab")
    ->ArgNames({"K", "threads"})
    ->ArgsProduct({{2000, 5500}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_train_step_scalar(benchmark::State& state) {
  step(state, damlab::FloatPath::scalar, 1);
}
BENCHMARK(BM_train_step_scalar)
    ->Name("train/scalar_reference")
    ->ArgName("K")
    ->Arg(2000)
    ->Arg(5500)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
