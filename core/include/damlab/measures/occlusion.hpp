// Occlusion of square images (N = side², row-major), applied to probes after
// their bit flips: a block of size x size pixels (at the center or at a seeded
// random position), or the top / bottom / left / right `size` rows or columns,
// set to -1 (fill off) or to random ±1 (fill random). size 0 changes nothing
// and draws nothing from rng.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "damlab/data/rng.hpp"
#include "damlab/kernels/patterns.hpp"

namespace damlab {

enum class OcclusionPosition { random, center, top, bottom, left, right };
enum class OcclusionFill { off, random };

struct Occlusion {
  std::size_t size = 0;
  OcclusionPosition position = OcclusionPosition::random;
  OcclusionFill fill = OcclusionFill::off;
  // Throws InvalidArgument unless N is a square (when size > 0) and size is
  // at most its side.
  void validate(std::size_t N) const;
};

void occlude(PatternSet& states, const Occlusion& occlusion, Rng& rng);

// 1 for each of the N pixels a fixed occlusion (position not random) covers,
// 0 elsewhere: the pixels it sets to -1 in an all-+1 image with fill off.
// Throws InvalidArgument("occlusion.position") for random.
std::vector<std::uint8_t> occlusion_mask(std::size_t N, Occlusion occlusion);

}  // namespace damlab
