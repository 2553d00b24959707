#include "damlab/measures/recall.hpp"

#include <cmath>
#include <cstdlib>

#include "damlab/util/error.hpp"

namespace damlab {

PatternSet flip_bits(const PatternSet& set, double delta, Rng& rng) {
  require(delta >= 0 && delta <= 1, "delta", delta, "in [0, 1]");
  PatternSet out = set;
  for (std::size_t p = 0; p < out.size(); ++p)
    for (std::size_t i = 0; i < out.N(); ++i)
      if (rng.bernoulli(delta)) out.flip(p, i);
  return out;
}

void run_updates(const Model& model, PatternSet& states, std::size_t steps, UpdateMode mode,
                 Rng& rng) {
  if (mode == UpdateMode::synchronous) {
    // States are independent and a state that flips nothing stays put, so
    // the whole batch can step together until none moves.
    for (std::size_t step = 0; step < steps; ++step)
      if (model.synchronous_update(states) == 0) break;
    return;
  }
  for (std::size_t p = 0; p < states.size(); ++p)
    for (std::size_t step = 0; step < steps; ++step)
      if (model.asynchronous_sweep(states, p, rng.permutation(static_cast<std::uint32_t>(model.N()))) == 0)
        break;
}

Nearest nearest_memories(const Model& model, const PatternSet& states) {
  Nearest out;
  for (std::size_t p = 0; p < states.size(); ++p) {
    const auto ov = model.overlaps(states, p);
    std::size_t best = 0;
    std::int32_t max_abs = 0;
    for (std::size_t mu = 0; mu < ov.size(); ++mu) {
      if (ov[mu] > ov[best]) best = mu;
      max_abs = std::max(max_abs, std::abs(ov[mu]));
    }
    out.memory.push_back(static_cast<std::uint32_t>(best));
    out.max_abs_overlap.push_back(max_abs);
  }
  return out;
}

std::vector<double> converged_fraction(const Nearest& nearest, std::size_t N,
                                       const std::vector<double>& epsilons) {
  std::vector<double> out;
  for (double epsilon : epsilons) {
    require(epsilon >= 0 && epsilon <= 1, "epsilon", epsilon, "in [0, 1]");
    // Cvg >= (1 - ε) N, compared without rounding: Cvg is an integer.
    std::size_t count = 0;
    for (std::int32_t cvg : nearest.max_abs_overlap)
      count += static_cast<double>(cvg) >= (1 - epsilon) * static_cast<double>(N);
    out.push_back(nearest.max_abs_overlap.empty()
                      ? 0.0
                      : static_cast<double>(count) / static_cast<double>(nearest.max_abs_overlap.size()));
  }
  return out;
}

double classification_error(const Nearest& nearest, const std::vector<std::uint8_t>& memory_labels,
                            const std::vector<std::uint8_t>& probe_labels) {
  require(probe_labels.size() == nearest.memory.size(), "probe labels", probe_labels.size(),
          "one per probe (" + std::to_string(nearest.memory.size()) + ")");
  require(!probe_labels.empty(), "probes", 0, "at least 1");
  std::size_t wrong = 0;
  for (std::size_t p = 0; p < probe_labels.size(); ++p) {
    require(nearest.memory[p] < memory_labels.size(), "memory labels", memory_labels.size(),
            "one per memory");
    wrong += memory_labels[nearest.memory[p]] != probe_labels[p];
  }
  return static_cast<double>(wrong) / static_cast<double>(probe_labels.size());
}

double Proportion::estimate() const {
  return trials == 0 ? 0.0 : static_cast<double>(failures) / static_cast<double>(trials);
}

namespace {
// Wilson score interval: center ± half width.
std::pair<double, double> wilson(const Proportion& p) {
  if (p.trials == 0) return {0.0, 1.0};
  constexpr double z = 1.96;
  const double n = static_cast<double>(p.trials), phat = p.estimate();
  const double denominator = 1 + z * z / n;
  const double center = (phat + z * z / (2 * n)) / denominator;
  const double half = z * std::sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denominator;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}
}  // namespace

double Proportion::lower() const { return wilson(*this).first; }
double Proportion::upper() const { return wilson(*this).second; }

Proportion Retrievability::worst() const {
  Proportion out;
  for (const auto& p : failure)
    if (p.failures > out.failures || out.trials == 0) out = p;
  return out;
}

bool Retrievability::retrievable(double epsilon) const {
  for (const auto& p : failure)
    if (!(p.estimate() < epsilon)) return false;
  return true;
}

bool Retrievability::retrievable_confidently(double epsilon) const {
  for (const auto& p : failure)
    if (!(p.upper() < epsilon)) return false;
  return true;
}

Retrievability retrievability(const Model& model, double delta, std::size_t trials,
                              std::size_t steps, UpdateMode mode, Rng& rng,
                              const Progress& progress) {
  require(trials >= 1, "trials", trials, "at least 1");
  const PatternSet& memories = model.memories();
  Retrievability out;
  out.failure.resize(memories.size());
  for (std::size_t t = 0; t < trials; ++t) {
    PatternSet probes = flip_bits(memories, delta, rng);
    run_updates(model, probes, steps, mode, rng);
    for (std::size_t mu = 0; mu < memories.size(); ++mu) {
      out.failure[mu].trials++;
      bool same = true;
      for (std::size_t w = 0; w < memories.words() && same; ++w)
        same = probes.row(mu)[w] == memories.row(mu)[w];
      out.failure[mu].failures += !same;
    }
    report(progress, static_cast<double>(t + 1) / static_cast<double>(trials));
  }
  return out;
}

}  // namespace damlab
