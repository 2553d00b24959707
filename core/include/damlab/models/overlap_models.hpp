// Models whose decision for bit i reads only the overlaps m_μ = ξ^μ·σ with the
// memories (kept current by ±2 per flipped bit); docs/science.md, "Models".
//   ProjectionModel(q): σ_i <- sgn Σ_μ ξ_i^μ m_μ^q
//       q = 1: correlation matrix memory, g(ΞᵀΞσ) with g = sgn ("cmm");
//       q = 3: Minerva2, the normalized cube (norms of ±1 vectors are all √N,
//              a positive common factor) ("minerva2").
//   NearestModel: σ_i <- ξ_i^ν, ν = argmax_μ m_μ, lowest index on ties ("nearest").
//   LsrModel(β): energy difference of the log-sum-ReLU (Epanechnikov) energy
//       E = -(1/β) log(ε + Σ_μ max(0, 1 - (β/2)|σ/√N - ξ^μ/√N|²)), whose sign
//       is that of Σ_μ k(m_μ⁺) - k(m_μ⁻), k(m) = max(0, N - β(N - m)) ("lsr").
// A zero sum keeps the bit.
#pragma once

#include "damlab/models/model.hpp"

namespace damlab {

class ProjectionModel : public Model {
 public:
  ProjectionModel(PatternSet memories, int power);

 protected:
  int decide(const Work& work, std::size_t i) const override;

 private:
  int power_;
};

class NearestModel : public Model {
 public:
  using Model::Model;

 protected:
  int decide(const Work& work, std::size_t i) const override;
};

class LsrModel : public Model {
 public:
  LsrModel(PatternSet memories, double beta);

 protected:
  int decide(const Work& work, std::size_t i) const override;

 private:
  double beta_;
};

}  // namespace damlab
