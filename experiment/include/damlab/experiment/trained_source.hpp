// Trained memories as a data source (data.source = trained): the memory file
// a train run wrote (data/memory_file.hpp) run as a Dense Associative Memory
// (train/trained_network.hpp) on the overloaded-regime paper's D, measured by
// its convergence metric:
//   D: per_class digits of each class of the MNIST grey asset (the test part
//      of balanced_split(labels, per_class, seed)), each a state of N + C
//      bits: its pixels +1 where byte >= 128, then its label neurons, +1 for
//      its class and -1 for the others;
//   Cvg(σ) = max_μ |⟨ξ^μ, HN^steps(σ)⟩| after `steps` synchronous updates of
//      all N + C neurons; D_c^ε the fraction of D with Cvg >= (1 - ε)(N + C).
#pragma once

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

}  // namespace damlab
