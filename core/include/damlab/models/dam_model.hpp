// The Dense Associative Memory (damlab::Network) behind the model interface:
// "dam" with F = poly | rectpoly | exp, and "lse", whose energy-difference
// decisions are exactly those of exp with β/N (docs/science.md, "Models").
// Every update is Network's own, so results equal the Network path bit for bit.
#pragma once

#include "damlab/dam/network.hpp"
#include "damlab/models/model.hpp"

namespace damlab {

class DamModel : public Model {
 public:
  DamModel(PatternSet memories, const Separation& F);

  const Network& network() const { return net_; }

  std::size_t synchronous_update(PatternSet& states) const override;
  std::size_t asynchronous_sweep(PatternSet& states, std::size_t p,
                                 std::span<const std::uint32_t> order = {}) const override;
  bool is_fixed_point(const PatternSet& states, std::size_t p) const override;

 protected:
  bool reads_overlaps() const override { return false; }
  int decide(const Work& work, std::size_t i) const override;

 private:
  Network net_;
};

}  // namespace damlab
