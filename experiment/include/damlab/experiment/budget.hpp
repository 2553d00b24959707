// Budgets. A spec whose data or measure would need more memory or time is
// refused before any work, with the field, the size asked for and the limit.
//   pattern bits: N x S, the packed patterns (2^31 bits = 256 MiB);
//   margins:      S x N doubles that capacity's exact mode keeps (512 MiB);
//   work:         S^2 x N margin updates (capacity), K x probes x N x steps
//                 bit updates (probe measures), Hamming-distance words of a
//                 greedy selection; 2^40 (max_work, dam/capacity.hpp, where
//                 the capacity scan also counts its exact tie sums) is about
//                 15 minutes of one core.
//   training:     K × (N + C) × training images × epochs multiply-adds of the
//                 forward pass (measure = train; the backward pass costs about
//                 as much again); 2^45 (max_train_work) is about an hour and a half
//                 on 2 cores (docs/experiments.md gives measured times).
// A refusal advises the largest size that passes, found with the same test.
#pragma once

#include <cstddef>
#include <cstdint>

#include "damlab/dam/capacity.hpp"
#include "damlab/experiment/spec.hpp"

namespace damlab {

inline constexpr std::uint64_t max_pattern_bits = std::uint64_t{1} << 31;
inline constexpr std::uint64_t max_margins = std::uint64_t{1} << 26;

// Throws InvalidArgument when data of S patterns of N bits would exceed a
// budget above for this spec's measure. parse_spec checks the sizes a spec
// fixes (rademacher); run_spec checks the loaded data before measuring.
void check_budget(const Spec& spec, std::size_t N, std::size_t S);

// Throws InvalidArgument (data.S) when data.selection = greedy would compute
// more Hamming distances than max_work allows, before it runs: N bits per
// pattern, eligible patterns of the chosen classes in the pool.
void check_selection_budget(const DataSpec& data, std::size_t N, std::size_t eligible);

inline constexpr std::uint64_t max_train_work = std::uint64_t{1} << 45;

// Throws InvalidArgument (train.epochs) when training spec.training on
// `images` training images of `width` = N + C values each would pass
// max_train_work, advising the most epochs that fit (or train.memories /
// data.train when not even one epoch does).
void check_train_budget(const Spec& spec, std::size_t images, std::size_t width);

}  // namespace damlab
