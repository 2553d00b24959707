// The model registry: every model's name, label and parameters with their
// ranges and defaults, as one table. Spec parsing, validation, records, the
// command line and the playground's forms all read it (the page through the
// WebAssembly binding modelRegistry()), so a model or a range is written once.
// docs/science.md, "Models", has each model's literal definition.
#pragma once

#include <string>
#include <vector>

namespace damlab {

// One parameter of a model's "model" spec section.
struct ParameterInfo {
  enum class Kind { integer, real, choice };
  std::string key;    // the spec key: "F", "n", "beta", "a", "epsilon"
  std::string label;  // for forms: "degree n"
  Kind kind = Kind::real;
  // integer and real: the allowed range; an open end excludes its value.
  double min = 0, max = 0;
  bool min_open = false, max_open = false;
  double default_value = 0;
  // choice: the allowed values and the default.
  std::vector<std::string> choices;
  std::string default_choice;
  // The parameter applies only when the choice parameter `when_key` has one of
  // `when_values` (the DAM's n for F = poly | rectpoly, β for F = exp); an
  // empty when_key: always.
  std::string when_key;
  std::vector<std::string> when_values;

  // "an integer in [1, 60]", "in (0, 100]", "one of poly, rectpoly, exp".
  std::string range_text() const;
  bool in_range(double value) const;
};

// How a model's updates compute, which sets its cost (the budgets read it).
enum class Computation {
  dam,            // the DAM's closed form on K overlaps; capacity by running margins
  overlaps,       // a rule on the K overlaps; capacity by building the model for every K
  weight_matrix,  // an N x N weight matrix (N at most max_hebbian_N); N weights per bit
};

struct ModelInfo {
  std::string name;   // the registry name a spec gives as "model": {"name": ...}
  std::string label;  // one line for pickers and legends
  std::vector<ParameterInfo> parameters;
  Computation computation = Computation::overlaps;
};

// Every model, in the order the docs list them; the DAM first.
const std::vector<ModelInfo>& model_registry();
// The entry of a name; throws InvalidArgument("model.name", ...) listing the
// known names when there is none.
const ModelInfo& model_info(const std::string& name);
// The registry names in order.
const std::vector<std::string>& model_names();

}  // namespace damlab
