// Capacity of any registry model (models/model.hpp): store the first K
// patterns of an ordered set; the set of K is retrieved when all K are fixed
// points. Kmax = the K before the first K that fails (docs/science.md's
// exact-mode convention), censored when Kmax = S.
#pragma once

#include "damlab/dam/capacity.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/models/model.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// The spec's {"F": ...} form (ModelSpec::short_form) gets the DAM's full
// analysis (dam/capacity.hpp: both modes and the profile of every K). Every
// other spec checks K = 1, 2, ... in turn until one fails and reports how
// many K it checked: for the DAM models ("dam", "lse") by capacity.hpp's
// running margins (O(S²N)), for the others (or when generic is set) by
// building the model from the first K patterns (O(Kmax³N)); tests check that
// both give the same Kmax.
CapacityResult model_capacity(const ModelSpec& spec, const PatternSet& set, bool generic = false,
                              const Progress& progress = {});

}  // namespace damlab
