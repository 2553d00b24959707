#include "damlab/measures/model_capacity.hpp"

#include <algorithm>

#include "damlab/util/error.hpp"

namespace damlab {

CapacityResult model_capacity(const ModelSpec& spec, const PatternSet& set, bool generic,
                              const Progress& progress) {
  spec.validate();
  const std::optional<Separation> F = spec.dam_separation(set.N());
  if (spec.short_form && F && !generic) return capacity(set, *F, progress);
  require(set.size() >= 1, "data.S", set.size(), "at least 1");
  CapacityResult out;
  out.N = set.N();
  out.S = set.size();
  std::size_t kmax = 0;
  if (!generic && F) {
    const RetrievalProfile profile = retrieval_profile(set, *F, true, progress);
    kmax = profile.kmax();
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
    kmax = K - 1;
    out.evaluated = std::min(K, set.size());
  }
  out.exact = capacity_estimate(set, kmax);
  return out;
}

}  // namespace damlab
