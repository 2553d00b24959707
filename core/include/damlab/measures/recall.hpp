// Recall from degraded probes and the measurements built on it (docs/science.md,
// experiments 4 and 5):
//   - recall: fraction of δ-noisy probes of stored patterns that return
//     exactly to their pattern after t updates;
//   - convergence (Cvg, D_c^ε): Cvg^(t)(σ) = max_μ |ξ^μ·HN^(t)(σ)| after t
//     synchronous updates; D_c^ε = fraction of probes with Cvg >= (1-ε)N;
//   - classification: a probe gets the label of the memory it ends nearest to
//     (largest overlap, lowest index on ties);
//   - (δ,ε)-retrievability: every stored pattern, flipped bit-wise with
//     probability δ, fails to come back with probability below ε, estimated
//     over seeded trials with Wilson 95% intervals.
// All randomness comes from damlab::Rng seeded by the caller.
#pragma once

#include <cstdint>
#include <vector>

#include "damlab/models/model.hpp"
#include "damlab/util/progress.hpp"
#include "damlab/data/rng.hpp"

namespace damlab {

// Each bit of every pattern flipped independently with probability delta.
PatternSet flip_bits(const PatternSet& set, double delta, Rng& rng);

enum class UpdateMode { synchronous, asynchronous };

// t updates of every state (a synchronous update, or an asynchronous sweep in
// a fresh random order from rng). Stops early once a step flips nothing.
void run_updates(const Model& model, PatternSet& states, std::size_t steps, UpdateMode mode,
                 Rng& rng);

// For every state: the memory with the largest overlap (lowest index on ties)
// and max_μ |overlap|.
struct Nearest {
  std::vector<std::uint32_t> memory;
  std::vector<std::int32_t> max_abs_overlap;
};
Nearest nearest_memories(const Model& model, const PatternSet& states);

// D_c^ε for each ε: fraction of states with max_abs_overlap >= (1 - ε) N.
std::vector<double> converged_fraction(const Nearest& nearest, std::size_t N,
                                       const std::vector<double>& epsilons);

// Fraction of predictions (labels of the nearest memories) that differ from
// the true labels.
double classification_error(const Nearest& nearest, const std::vector<std::uint8_t>& memory_labels,
                            const std::vector<std::uint8_t>& probe_labels);

// A failure proportion (failures out of trials) with its Wilson score
// interval (z = 1.96).
struct Proportion {
  std::size_t failures = 0, trials = 0;
  double estimate() const;
  double lower() const;
  double upper() const;
};

struct Retrievability {
  std::vector<Proportion> failure;  // per stored pattern
  Proportion worst() const;         // the pattern with the most failures
  bool retrievable(double epsilon) const;            // every estimate < ε
  bool retrievable_confidently(double epsilon) const;  // every upper bound < ε
};

// trials noisy copies of each memory, t updates each; failure = not exactly
// the memory afterwards.
Retrievability retrievability(const Model& model, double delta, std::size_t trials,
                              std::size_t steps, UpdateMode mode, Rng& rng,
                              const Progress& progress = {});

}  // namespace damlab
