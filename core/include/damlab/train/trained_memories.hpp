// Memories learned by the Krotov–Hopfield (2016) classifier: K real-valued
// memories over N pixels followed by C label neurons, each value in [-1, 1]
// (docs/science.md, "Trained memories (Krotov–Hopfield 2016)").
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace damlab {

// The interaction function of the classifier, with its temperature inside:
//   rectpoly: β F(x) = (max(x, 0) / T)^n   (F(x) = x^n for x >= 0, β = 1/T^n, Eq. 3)
//   exp:      β F(x) = exp(x / T)          (F(x) = exp(x/T), β = 1; not in the
//                                           paper, damlab's exponential option)
struct TrainingF {
  enum class Kind : std::uint8_t { rectpoly, exp };
  Kind kind = Kind::rectpoly;
  unsigned degree = 20;  // n, rectpoly only: in [1, 100]

  // Throws InvalidArgument naming `field` (+ ".degree") and the range.
  void validate(const std::string& field = "F") const;
  bool operator==(const TrainingF&) const = default;
};

std::string to_string(TrainingF::Kind kind);  // "rectpoly" or "exp"

struct TrainedMemories {
  std::size_t memories = 0;  // K
  std::size_t pixels = 0;    // N
  std::size_t classes = 0;   // C
  // K × (N + C) row-major: memory μ is weights[μ (N + C), (μ + 1)(N + C)),
  // its pixels first, then its C label values.
  std::vector<float> weights;
  TrainingF f;
  double temperature = 1;  // T of the label update (the final T of training)

  std::size_t width() const { return pixels + classes; }
  std::span<const float> memory(std::size_t mu) const {
    return std::span<const float>(weights).subspan(mu * width(), width());
  }
  // Throws InvalidArgument: memories >= 1, pixels >= 1, classes in [2, 255],
  // weights.size() == K (N + C), every weight in [-1, 1], temperature finite
  // and > 0, f valid.
  void validate() const;
  bool operator==(const TrainedMemories&) const = default;
};

}  // namespace damlab
