#include "damlab/train/trained_memories.hpp"

#include <cmath>

#include "damlab/util/error.hpp"

namespace damlab {

std::string to_string(TrainingF::Kind kind) {
  return kind == TrainingF::Kind::exp ? "exp" : "rectpoly";
}

void TrainingF::validate(const std::string& field) const {
  require(kind == Kind::rectpoly || kind == Kind::exp, field, int(kind), "rectpoly or exp");
  if (kind == Kind::rectpoly) require(degree >= 1 && degree <= 100, field + ".degree", degree,
                                      "in [1, 100]");
}

void TrainedMemories::validate() const {
  require(memories >= 1, "memories", memories, "at least 1");
  require(pixels >= 1, "pixels", pixels, "at least 1");
  require(classes >= 2 && classes <= 255, "classes", classes, "in [2, 255]");
  require(weights.size() / width() == memories && weights.size() % width() == 0, "weights",
          std::to_string(weights.size()) + " values",
          std::to_string(memories) + " × " + std::to_string(width()));
  // The field's name is built only for a bad value: once per weight it took
  // a third of a training step in the WebAssembly threads build (a heap
  // string each, behind its malloc lock).
  for (std::size_t k = 0; k < weights.size(); ++k)
    if (!(weights[k] >= -1.0f && weights[k] <= 1.0f))
      fail_field("weights[" + std::to_string(k) + "]", weights[k], "in [-1, 1]");
  require(std::isfinite(temperature) && temperature > 0, "temperature", temperature,
          "finite and > 0");
  f.validate();
}

}  // namespace damlab
