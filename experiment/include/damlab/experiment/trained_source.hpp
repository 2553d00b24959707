// Trained memories as a data source (data.source = trained): the memory file
// a train run wrote (data/memory_file.hpp) run as a Dense Associative Memory
// (train/trained_network.hpp) on the overloaded-regime paper's D, measured by
// its convergence metric:
//   D: per_class digits of each class of the MNIST grey asset (the test part
//      of balanced_split(labels, per_class, seed)), each a state of N + C
//      bits: its pixels +1 where byte >= 128, then its label neurons, +1 for
//      its class and -1 for the others; probe.delta flips each of their
//      bits with that probability (Rng(probe.seed), state by state in order;
//      0 draws nothing);
//   Cvg(σ) = max_μ |⟨ξ^μ, HN^steps(σ)⟩| after `steps` synchronous updates of
//      all N + C neurons; D_c^ε the fraction of D with Cvg >= (1 - ε)(N + C).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// The files a trained source reads: data.path (the memory file) and the
// MNIST grey asset.
std::vector<std::string> trained_files(const DataSpec& data);

// The record of a convergence spec on trained memories: the normalized spec,
// the memory file's identity, D's checksum, the code version and the result
// (N = N + C, K, probes, mean_cvg as a fraction of N + C, D_c by ε).
// files: the bytes of every name trained_files lists.
Json run_trained_spec(const Spec& spec, const FileBytes& files, const Progress& progress = {});

// One probe of such a spec followed step by step (the playground's Recall
// view): the state of D's digit `index` (below the spec's probe count) as
// run_trained_spec makes it, noise included, and after each of probe.steps
// synchronous updates (stopping early at a fixed point, which later steps
// would keep), with its overlap ⟨ξ^μ, σ⟩ with every memory. So the last
// state's largest |overlap| is this probe's Cvg in run_trained_spec.
struct TrainedTrajectory {
  std::size_t pixels = 0, classes = 0;
  std::uint32_t item = 0;  // the digit's index in the grey asset
  std::uint8_t label = 0;
  std::vector<std::int8_t> clean;                // the digit's state before noise
  std::vector<std::vector<std::int8_t>> states;  // step 0: the probe
  std::vector<std::vector<double>> overlaps;     // per state, by memory
  // Per state, the memories of the five largest |overlap| (all when fewer),
  // largest first, the lower index first on ties; and the weights (N + C) of
  // each state's first, by memory index: what the Recall view draws.
  std::vector<std::vector<std::size_t>> nearest;
  std::map<std::size_t, std::vector<float>> nearest_weights;
  std::vector<std::size_t> flips;                // bits flipped by each step
  bool converged = false;                        // reached a fixed point
};
TrainedTrajectory trained_trajectory(const Spec& spec, const FileBytes& files, std::size_t index);

}  // namespace damlab
