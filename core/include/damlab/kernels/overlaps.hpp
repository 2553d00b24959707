// Overlaps of many pattern pairs at once: out[r * b.size() + c] = a_r · b_c
// for a block of rows of a against every pattern of b.
//
// The per-pair form, overlap() in patterns.hpp, is the reference. The block
// kernel tiles four rows of a against four of b, so each word is loaded once
// per tile, and counts bits with AVX-512 VPOPCNTQ (eight words per
// instruction) when the CPU has it, chosen at run time, else with the scalar
// POPCNT path (also the WebAssembly one). An AVX2 path (nibble lookup, four
// words) exists for measuring: on rows of a few words it loses to POPCNT.
// Every path returns the same integers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "damlab/kernels/patterns.hpp"

namespace damlab {

enum class PopcountPath { scalar, avx2, avx512 };

// The path used by default, and every path this CPU can run (scalar first).
PopcountPath best_popcount_path();
std::vector<PopcountPath> available_popcount_paths();
std::string to_string(PopcountPath path);

// Rows [first, first + count) of a against all of b (same N) into out
// (count * b.size() values, row-major).
void overlap_block(const PatternSet& a, std::size_t first, std::size_t count,
                   const PatternSet& b, std::span<std::int32_t> out,
                   PopcountPath path = best_popcount_path());

// All of a against all of b.
std::vector<std::int32_t> overlap_matrix(const PatternSet& a, const PatternSet& b,
                                         PopcountPath path = best_popcount_path());

}  // namespace damlab
