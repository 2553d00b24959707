// Measurements of any registry model, by one code path (the probe measures
// recall, classification and retrievability go through recall.hpp's Model
// overloads; see record.cpp).
//   capacity: store the first K patterns of an ordered set; the set of K is
//   retrieved when all K are fixed points. Kmax = the K before the first K
//   that fails (SCIENCE.md's exact-mode convention), censored when Kmax = S.
#pragma once

#include <cstddef>
#include <string>

#include "damlab/dam/capacity.hpp"
#include "damlab/models/model.hpp"
#include "damlab/util/progress.hpp"
#include "damlab/data/rng.hpp"

namespace damlab {

struct ModelCapacity {
  std::size_t N = 0, S = 0;
  CapacityEstimate exact;
  std::size_t evaluated = 0;  // K values checked (Kmax + 1, or S)
};

// Checks K = 1, 2, ... in turn, building the model from the first K patterns,
// until one fails. For "dam" and "lse" the same answer comes from capacity.hpp's
// running margins (O(S²N) instead of O(Kmax³N)) unless generic is set; tests
// check that both give the same Kmax.
ModelCapacity model_capacity(const ModelSpec& spec, const PatternSet& set, bool generic = false,
                             const Progress& progress = {});

// Occlusion of square images (N = side², row-major): a block of size x size
// pixels ("center" or a seeded "random" position), or the top / bottom /
// left / right `size` rows or columns, set to -1 ("off") or to random ±1
// ("random"). size 0 changes nothing and draws nothing from rng.
struct Occlusion {
  std::size_t size = 0;
  std::string position = "random";  // random | center | top | bottom | left | right
  std::string fill = "off";         // off | random
  void validate(std::size_t N) const;
};
void occlude(PatternSet& states, const Occlusion& occlusion, Rng& rng);

}  // namespace damlab
