// measure = trajectory: one probe followed step by step (the playground's
// Recall view, and `damlab run` on the spec its panel shows). Its order of
// random draws, from Rng(probe.seed):
//   memories: the first K of rng.permutation(S) of the data's S patterns
//             (K = 0: all), stored by the spec's model;
//   probe:    memory probe.memory, each bit flipped with probability
//             probe.delta (flip_bits with the same rng), then occluded:
//             probe.occlusion_position none, or a block of half the image
//             side (floor(side / 2) rows or columns, or a square at the
//             center) set to -1; probe.clamp keeps every pixel outside it
//             at its probe value;
//   updates:  recall_trajectory (measures/trajectory.hpp) for probe.steps
//             synchronous updates or asynchronous sweeps, stopping at a
//             fixed point; asynchronous sweeps draw their orders from a
//             fresh Rng(probe.seed).
// The result (record.hpp's envelope): N, K; probed {memory, data_index,
// label, bits}; per state (0: the probe) its bits, energy (models with one),
// the bits each step flipped, converged; per state the 5 memories of largest
// overlap {memory, overlap, data_index, label} (largest first, lower index on
// ties); nearest_bits, the bits of each state's nearest memory by index.
// Bits are strings, one character per bit in order (row-major for images):
// '1' for +1, '0' for -1. label is null for unlabelled data.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// How many memories of largest overlap the result lists for each state.
inline constexpr std::size_t trajectory_nearest = 5;

// The result part of a trajectory spec's record, on the spec's loaded data.
Json trajectory_result(const Spec& spec, const LoadedData& data, const Progress& progress = {});

// Row p of set as a bit string ('1' for +1, '0' for -1).
std::string bit_string(const PatternSet& set, std::size_t p);

}  // namespace damlab
