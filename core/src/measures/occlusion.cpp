#include "damlab/measures/occlusion.hpp"

#include <cmath>
#include <string>

#include "damlab/util/error.hpp"

namespace damlab {

namespace {
std::size_t side_of(std::size_t N) {
  return static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(N))));
}
}  // namespace

void Occlusion::validate(std::size_t N) const {
  const std::size_t side = side_of(N);
  require(size == 0 || side * side == N, "data.N", N, "a square (side x side image) for occlusion");
  require(size <= side, "probe.occlusion", size, "at most the image side " + std::to_string(side));
}

void occlude(PatternSet& states, const Occlusion& occlusion, Rng& rng) {
  occlusion.validate(states.N());
  if (occlusion.size == 0) return;
  const std::size_t side = side_of(states.N());
  const std::size_t s = occlusion.size;
  for (std::size_t p = 0; p < states.size(); ++p) {
    // Rows [r0, r1) and columns [c0, c1) of the occluded block.
    std::size_t r0 = 0, r1 = side, c0 = 0, c1 = side;
    switch (occlusion.position) {
      case OcclusionPosition::random:
      case OcclusionPosition::center: {
        const bool center = occlusion.position == OcclusionPosition::center;
        r0 = center ? (side - s) / 2 : rng.below(side - s + 1);
        c0 = center ? (side - s) / 2 : rng.below(side - s + 1);
        r1 = r0 + s;
        c1 = c0 + s;
        break;
      }
      case OcclusionPosition::top: r1 = s; break;
      case OcclusionPosition::bottom: r0 = side - s; break;
      case OcclusionPosition::left: c1 = s; break;
      case OcclusionPosition::right: c0 = side - s; break;
    }
    for (std::size_t r = r0; r < r1; ++r)
      for (std::size_t c = c0; c < c1; ++c)
        states.set_sign(p, r * side + c,
                        occlusion.fill == OcclusionFill::off || rng.bernoulli(0.5) ? -1 : 1);
  }
}

std::vector<std::uint8_t> occlusion_mask(std::size_t N, Occlusion occlusion) {
  require(occlusion.position != OcclusionPosition::random, "occlusion.position", "random",
          "a fixed position (center, top, bottom, left or right) for a mask");
  occlusion.fill = OcclusionFill::off;
  PatternSet image(N, 1);
  for (std::size_t i = 0; i < N; ++i) image.set_sign(0, i, 1);
  Rng unused(0);  // a fixed position with fill off draws nothing
  occlude(image, occlusion, unused);
  std::vector<std::uint8_t> mask(N);
  for (std::size_t i = 0; i < N; ++i) mask[i] = image.sign(0, i) < 0 ? 1 : 0;
  return mask;
}

}  // namespace damlab
