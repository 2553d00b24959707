// Generated data sets.
#pragma once

#include <cstddef>
#include <cstdint>

#include "damlab/kernels/patterns.hpp"

namespace damlab {

// count skewed i.i.d. Rademacher patterns of N bits: each bit +1 with
// probability p, drawn pattern by pattern, bit by bit, from Rng(seed).
PatternSet rademacher(std::size_t N, std::size_t count, double p,
                      std::uint64_t seed);

}  // namespace damlab
