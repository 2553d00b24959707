// Generated data sets.
#pragma once

#include <cstddef>
#include <cstdint>

#include "damlab/kernels/patterns.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// count skewed i.i.d. Rademacher patterns of N bits: each bit +1 with
// probability p, drawn pattern by pattern, bit by bit, from Rng(seed).
// progress is polled every report_interval bits (util/progress.hpp); a
// cancellation throws Cancelled.
PatternSet rademacher(std::size_t N, std::size_t count, double p,
                      std::uint64_t seed, const Progress& progress = {});

// The expected Hamming distance between two such patterns, 2p(1 - p)N (a
// set's planned mean pairwise HD, e.g. to place it in a Fig. 2 bucket).
double rademacher_mean_hd(std::size_t N, double p);

}  // namespace damlab
