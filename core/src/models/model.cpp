#include "damlab/models/model.hpp"

#include <algorithm>

#include "damlab/util/error.hpp"
#include "damlab/dam/network.hpp"
#include "damlab/models/hebbian.hpp"
#include "damlab/models/overlap_models.hpp"
#include "damlab/models/registry.hpp"

namespace damlab {

Model::Model(PatternSet memories) : memories_(std::move(memories)) {
  require(memories_.size() >= 1, "memories.length", memories_.size(), "at least 1");
}

void Model::check_states(const PatternSet& states) const {
  require(states.N() == N(), "states.N", states.N(),
          "equal to the memories' N = " + std::to_string(N()));
}

void Model::check_states(const PatternSet& states, std::size_t p) const {
  check_states(states);
  require(p < states.size(), "state index", p, "below " + std::to_string(states.size()));
}

void Model::check_clamped(std::span<const std::uint8_t> clamped) const {
  require(clamped.empty() || clamped.size() == N(), "clamped.length", clamped.size(),
          "0 or N = " + std::to_string(N()));
}

void Model::check_order(std::span<const std::uint32_t> order) const {
  if (order.empty()) return;
  require(order.size() == N(), "order.length", order.size(), "0 or N = " + std::to_string(N()));
  std::vector<std::uint8_t> seen(N(), 0);
  for (std::uint32_t i : order) {
    require(i < N() && !seen[i], "order", i, "a permutation of 0..N-1 (each index once, below N)");
    seen[i] = 1;
  }
}

std::vector<std::int32_t> Model::overlaps(const PatternSet& states, std::size_t p) const {
  check_states(states, p);
  std::vector<std::int32_t> out(memories_.size());
  for (std::size_t mu = 0; mu < out.size(); ++mu)
    out[mu] = overlap(memories_.row(mu), states.row(p), N());
  return out;
}

std::optional<double> Model::energy(const PatternSet& states, std::size_t p) const {
  check_states(states, p);
  return std::nullopt;
}

Model::Work Model::prepare(const PatternSet& states, std::size_t p) const {
  check_states(states, p);
  Work work;
  work.sigma = states.signs(p);
  if (reads_overlaps()) work.overlaps = overlaps(states, p);
  return work;
}

void Model::flip(Work& work, std::size_t i) const {
  work.sigma[i] = -work.sigma[i];
  // ξ^μ·σ changes by 2 ξ_i^μ σ_i(new) for every memory.
  if (reads_overlaps())
    for (std::size_t mu = 0; mu < memories_.size(); ++mu)
      work.overlaps[mu] += 2 * memories_.sign(mu, i) * work.sigma[i];
}

std::size_t Model::synchronous_update(PatternSet& states, std::span<const std::uint8_t> clamped,
                                      std::size_t threads) const {
  check_states(states);
  check_clamped(clamped);
  require(threads >= 1 && threads <= 1024, "threads", threads, "in [1, 1024]");
  std::size_t flips = 0;
  for (std::size_t p = 0; p < states.size(); ++p) {
    const Work work = prepare(states, p);
    for (std::size_t i = 0; i < N(); ++i)
      if ((clamped.empty() || !clamped[i]) && decide(work, i) != work.sigma[i]) {
        states.flip(p, i);
        ++flips;
      }
  }
  return flips;
}

std::size_t Model::asynchronous_sweep(PatternSet& states, std::size_t p,
                                      std::span<const std::uint32_t> order,
                                      std::span<const std::uint8_t> clamped) const {
  check_clamped(clamped);
  check_order(order);
  Work work = prepare(states, p);
  std::size_t flips = 0;
  for (std::size_t k = 0; k < N(); ++k) {
    const std::size_t i = order.empty() ? k : order[k];
    if ((clamped.empty() || !clamped[i]) && decide(work, i) != work.sigma[i]) {
      flip(work, i);
      states.flip(p, i);
      ++flips;
    }
  }
  return flips;
}

bool Model::is_fixed_point(const PatternSet& states, std::size_t p) const {
  const Work work = prepare(states, p);
  for (std::size_t i = 0; i < N(); ++i)
    if (decide(work, i) != work.sigma[i]) return false;
  return true;
}

void ModelSpec::validate() const {
  const ModelInfo& info = model_info(name);  // an unknown name lists the known ones
  if (name == "dam") return F.validate();     // the registry's F, n and β ranges are Separation's
  for (const ParameterInfo& parameter : info.parameters) {
    const double value = this->parameter(parameter.key);
    require(parameter.in_range(value), "model." + parameter.key, value, parameter.range_text());
  }
}

double& ModelSpec::parameter(const std::string& key) {
  require(key == "beta" || key == "a" || key == "epsilon", "model parameter", key,
          "one of beta, a, epsilon");
  return key == "beta" ? beta : key == "a" ? a : epsilon;
}

double ModelSpec::parameter(const std::string& key) const {
  return const_cast<ModelSpec&>(*this).parameter(key);
}

std::optional<Separation> ModelSpec::dam_separation(std::size_t N) const {
  if (name == "dam") return F;
  if (name == "lse") return Separation::exponential(beta / static_cast<double>(N));
  return std::nullopt;
}

std::unique_ptr<Model> make_model(const ModelSpec& spec, PatternSet memories) {
  spec.validate();
  const std::string& name = spec.name;
  if (const auto F = spec.dam_separation(memories.N()))
    return std::make_unique<Network>(std::move(memories), *F);
  if (name == "lsr") return std::make_unique<LsrModel>(std::move(memories), spec.beta);
  if (name == "cmm") return std::make_unique<ProjectionModel>(std::move(memories), 1);
  if (name == "minerva2") return std::make_unique<ProjectionModel>(std::move(memories), 3);
  if (name == "nearest") return std::make_unique<NearestModel>(std::move(memories));
  return std::make_unique<HebbianModel>(std::move(memories), hebbian_rule(name), spec.a,
                                        spec.epsilon);
}

}  // namespace damlab
