#include "damlab/experiment/trajectory_measure.hpp"

#include <cmath>

#include "damlab/data/rng.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/data/subsets.hpp"
#include "damlab/measures/occlusion.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/measures/trajectory.hpp"
#include "damlab/models/model.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

std::string bit_string(const PatternSet& set, std::size_t p) {
  std::string bits(set.N(), '0');
  for (std::size_t i = 0; i < set.N(); ++i)
    if (set.sign(p, i) > 0) bits[i] = '1';
  return bits;
}

Json trajectory_result(const Spec& spec, const LoadedData& data, const Progress& progress) {
  const ProbeSpec& p = spec.probe;
  const PatternSet& set = data.patterns;
  const std::size_t S = set.size(), N = set.N();
  const std::size_t K = p.K == 0 ? S : p.K;
  require(K <= S, "probe.K", K, "at most the " + std::to_string(S) + " patterns of the data");
  require(p.memory < K, "probe.memory", p.memory,
          "below K = " + std::to_string(K) + " (an index into the memories)");
  Rng rng(p.seed);
  std::vector<std::uint32_t> chosen = rng.permutation(static_cast<std::uint32_t>(S));
  chosen.resize(K);
  const PatternSet memories = select_patterns(set, chosen);
  PatternSet start = flip_bits(memories.slice(p.memory, 1), p.delta, rng);
  std::vector<std::uint8_t> clamped;
  if (p.half_occlusion) {
    const auto side = static_cast<std::size_t>(std::llround(std::sqrt(static_cast<double>(N))));
    require(side >= 2 && side * side == N, "data.N", N,
            "a square image of side at least 2 for probe.occlusion_position = " + choice_name(*p.half_occlusion));
    const Occlusion occlusion{side / 2, *p.half_occlusion, OcclusionFill::off};
    occlude(start, occlusion, rng);
    if (p.clamp) {  // the pixels outside the occlusion never update
      clamped = occlusion_mask(N, occlusion);
      for (auto& fixed : clamped) fixed = !fixed;
    }
  }
  const std::unique_ptr<Model> model = make_model(spec.model, memories);
  Rng order(p.seed);
  const Trajectory run = recall_trajectory(*model, start, p.steps, p.update, clamped, &order);

  const auto label = [&](std::size_t m) {
    return data.labels.empty() ? Json(nullptr) : Json(data.labels[chosen[m]]);
  };
  Json out;
  out["N"] = N;
  out["K"] = K;
  out["probed"] = {{"memory", p.memory}, {"data_index", chosen[p.memory]}, {"label", label(p.memory)},
                   {"bits", bit_string(memories, p.memory)}};
  Json states = Json::array(), nearest = Json::array(), nearest_bits = Json::object();
  for (std::size_t t = 0; t < run.states.size(); ++t) {
    states.push_back(bit_string(run.states[t], 0));
    Json row = Json::array();
    for (const std::size_t m : largest_overlaps(run.overlaps[t], trajectory_nearest))
      row.push_back({{"memory", m}, {"overlap", run.overlaps[t][m]}, {"data_index", chosen[m]}, {"label", label(m)}});
    const std::string first = std::to_string(row[0]["memory"].get<std::size_t>());
    if (!nearest_bits.contains(first)) nearest_bits[first] = bit_string(memories, row[0]["memory"].get<std::size_t>());
    nearest.push_back(std::move(row));
  }
  out["states"] = std::move(states);
  out["energies"] = run.energies;
  out["flips"] = run.flips;
  out["converged"] = run.converged;
  out["nearest"] = std::move(nearest);
  out["nearest_bits"] = std::move(nearest_bits);
  report(progress, 1.0);
  return out;
}

}  // namespace damlab
