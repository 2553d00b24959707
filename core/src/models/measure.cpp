#include "damlab/models/measure.hpp"

#include <cmath>

#include "damlab/util/error.hpp"

namespace damlab {

ModelCapacity model_capacity(const ModelSpec& spec, const PatternSet& set, bool generic,
                             const Progress& progress) {
  spec.validate();
  require(set.size() >= 1, "data.S", set.size(), "at least 1");
  ModelCapacity out;
  out.N = set.N();
  out.S = set.size();
  const std::optional<Separation> F = spec.dam_separation(set.N());
  if (!generic && F) {
    const RetrievalProfile profile = retrieval_profile(set, *F, true, progress);
    out.exact.kmax = profile.kmax();
    out.evaluated = profile.retrieved.size();
  } else {
    std::size_t K = 1;
    for (; K <= set.size(); ++K) {
      const auto model = make_model(spec, set.slice(0, K));
      bool retrieved = true;
      for (std::size_t p = 0; p < K && retrieved; ++p) retrieved = model->is_fixed_point(set, p);
      report(progress, static_cast<double>(K) / static_cast<double>(set.size()));
      if (!retrieved) break;
    }
    out.exact.kmax = K - 1;
    out.evaluated = std::min(K, set.size());
  }
  out.exact.censored = out.exact.kmax == set.size();
  out.exact.separation = pairwise_distance(set, out.exact.kmax);
  return out;
}

void Occlusion::validate(std::size_t N) const {
  const auto side = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(N))));
  require(size == 0 || side * side == N, "data.N", N, "a square (side x side image) for occlusion");
  require(size <= side, "probe.occlusion", size, "at most the image side " + std::to_string(side));
  require(position == "random" || position == "center" || position == "top" ||
              position == "bottom" || position == "left" || position == "right",
          "probe.occlusion_position", position, "one of random, center, top, bottom, left, right");
  require(fill == "off" || fill == "random", "probe.occlusion_fill", fill, "off or random");
}

void occlude(PatternSet& states, const Occlusion& occlusion, Rng& rng) {
  occlusion.validate(states.N());
  if (occlusion.size == 0) return;
  const auto side = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(states.N()))));
  const std::size_t s = occlusion.size;
  for (std::size_t p = 0; p < states.size(); ++p) {
    // Rows [r0, r1) and columns [c0, c1) of the occluded block.
    std::size_t r0 = 0, r1 = side, c0 = 0, c1 = side;
    const std::string& where = occlusion.position;
    if (where == "random" || where == "center") {
      r0 = where == "center" ? (side - s) / 2 : rng.below(side - s + 1);
      c0 = where == "center" ? (side - s) / 2 : rng.below(side - s + 1);
      r1 = r0 + s;
      c1 = c0 + s;
    } else if (where == "top") {
      r1 = s;
    } else if (where == "bottom") {
      r0 = side - s;
    } else if (where == "left") {
      c1 = s;
    } else {
      c0 = side - s;
    }
    for (std::size_t r = r0; r < r1; ++r)
      for (std::size_t c = c0; c < c1; ++c)
        states.set_sign(p, r * side + c, occlusion.fill == "off" || rng.bernoulli(0.5) ? -1 : 1);
  }
}

}  // namespace damlab
