#include "damlab/models/dam_model.hpp"

namespace damlab {

DamModel::DamModel(PatternSet memories, const Separation& F)
    : Model(memories), net_(std::move(memories), F) {}

std::size_t DamModel::synchronous_update(PatternSet& states) const {
  return net_.synchronous_update(states);
}

std::size_t DamModel::asynchronous_sweep(PatternSet& states, std::size_t p,
                                         std::span<const std::uint32_t> order) const {
  return net_.asynchronous_sweep(states, p, order);
}

bool DamModel::is_fixed_point(const PatternSet& states, std::size_t p) const {
  return net_.is_fixed_point(states, p);
}

int DamModel::decide(const Work& work, std::size_t i) const {
  // Only reached through the base class's generic paths; Network decides.
  const PatternSet state = PatternSet::from_signs(work.sigma, N());
  const int s = net_.field_sign(state, 0, i);
  return s == 0 ? work.sigma[i] : s;
}

}  // namespace damlab
