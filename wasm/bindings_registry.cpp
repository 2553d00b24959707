// The model registry (models/registry.hpp) as plain JS values, so the
// playground builds its model picker, parameter fields and link validation
// from the core's one table instead of a copy.
#include "bindings.hpp"
#include "damlab/models/registry.hpp"

namespace damlab::wasm {

namespace {

val strings(const std::vector<std::string>& list) {
  val out = val::array();
  for (const auto& item : list) out.call<void>("push", item);
  return out;
}

const char* kind_name(ParameterInfo::Kind kind) {
  switch (kind) {
    case ParameterInfo::Kind::integer: return "integer";
    case ParameterInfo::Kind::real: return "real";
    case ParameterInfo::Kind::choice: return "choice";
  }
  return "real";
}

val parameter_object(const ParameterInfo& p) {
  const bool choice = p.kind == ParameterInfo::Kind::choice;
  val out = val::object();
  out.set("key", p.key);
  out.set("label", p.label);
  out.set("kind", std::string(kind_name(p.kind)));
  out.set("min", choice ? val::null() : val(p.min));
  out.set("max", choice ? val::null() : val(p.max));
  out.set("minOpen", p.min_open);
  out.set("maxOpen", p.max_open);
  out.set("default", choice ? val(p.default_choice) : val(p.default_value));
  out.set("choices", strings(p.choices));
  // The core's own wording of the range, so a form's error reads as the CLI's.
  out.set("range", p.range_text());
  if (p.when_key.empty()) {
    out.set("when", val::null());
  } else {
    val when = val::object();
    when.set("key", p.when_key);
    when.set("values", strings(p.when_values));
    out.set("when", when);
  }
  return out;
}

// [{name, label, parameters: [{key, label, kind, min, max, minOpen, maxOpen,
//   default, choices, range, when: {key, values} | null}]}], the DAM first.
val model_registry_of() {
  return guard([&] {
    val out = val::array();
    for (const auto& model : model_registry()) {
      val entry = val::object();
      entry.set("name", model.name);
      entry.set("label", model.label);
      val parameters = val::array();
      for (const auto& p : model.parameters) parameters.call<void>("push", parameter_object(p));
      entry.set("parameters", parameters);
      out.call<void>("push", entry);
    }
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_registry) {
  emscripten::function("modelRegistry", &model_registry_of);
}

}  // namespace damlab::wasm
