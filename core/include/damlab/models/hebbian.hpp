// Hopfield networks trained with local Hebbian rules (the rules Lansner et
// al. 2025 benchmark; definitions and the choices made where the sources are
// silent in docs/science.md, "Models"). A weight matrix W (no self
// connections) and, for 0/1 codes, x = (1 + σ)/2:
//   activity-product  ±1 codes: W_ij = Σ_μ ξ_i^μ ξ_j^μ;  σ_i <- sgn h_i
//   willshaw          W_ij = 1 if some pattern has x_i = x_j = 1, else 0;
//                     x_i <- 1 iff h_i = k (every other active unit connected)
//   covariance        W_ij = Σ_μ (x_i^μ - a)(x_j^μ - a);
//                     x_i <- [h_i > (1 - a)(1 - 2a) k / 2]
//   presynaptic-cov.  W_ij = Σ_μ (x_i^μ - a) x_j^μ (j presynaptic): learns only
//                     when the presynaptic unit is active; x_i <- [h_i > (1 - 2a) k / 2]
//   bcpnn             p_i = c_i / K, p_ij = c_ij / K (pattern counts),
//                     W_ij = log((p_ij + ε²) / ((p_i + ε)(p_j + ε))),
//                     b_i = log(p_i + ε); x_i <- [b_i + h_i > log(1/2)]
// with h_i = Σ_{j≠i} W_ij x_j (σ_j for activity-product) and k = Σ_{j≠i} x_j,
// the other active units of the state. The covariance thresholds are the
// midpoint between the expected fields of an active and an inactive unit when
// the state is a stored pattern. A field exactly at the threshold keeps the bit.
#pragma once

#include <string>
#include <vector>

#include "damlab/models/model.hpp"

namespace damlab {

enum class HebbianRule { activity_product, willshaw, covariance, presynaptic_covariance, bcpnn };

// From a registry name ("hopfield-willshaw", ...).
HebbianRule hebbian_rule(const std::string& name);

// N x N doubles: N is capped so the matrix stays within 128 MiB.
inline constexpr std::size_t max_hebbian_N = 4096;

class HebbianModel : public Model {
 public:
  HebbianModel(PatternSet memories, HebbianRule rule, double a, double epsilon);

  double weight(std::size_t i, std::size_t j) const { return w_[i * N() + j]; }

 protected:
  bool reads_overlaps() const override { return false; }
  int decide(const Work& work, std::size_t i) const override;

 private:
  HebbianRule rule_;
  double a_;
  std::vector<double> w_;     // row i: weights onto unit i; diagonal 0
  std::vector<double> bias_;  // bcpnn: log(p_i + ε)
};

}  // namespace damlab
