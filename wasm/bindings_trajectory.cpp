// The recall trajectory of one probe under any registry model
// (measures/trajectory.hpp): what the playground's Recall view steps through.
#include <cmath>
#include <optional>

#include "bindings.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/measures/trajectory.hpp"

namespace damlab::wasm {

namespace {

val json_text_of(const val& object, const std::string& field) {
  require(object.typeOf().as<std::string>() == "object" && !object.isNull() && !object.isArray(), field,
          describe(object), "an object");
  // The caller's toJSON or getters may throw: js_apply carries that out as a CallbackError.
  return js_apply(val::global("JSON")["stringify"], val::global("JSON"), array_of(object));
}

// memories: the stored patterns; model: a spec's "model" section ({name, ...}
// or the DAM's {F, n | beta}), checked as a spec's; probes and options: see
// trajectory_value (bindings.hpp).
val recall_trajectory_of(const PatternSet& memories, val model_arg, const PatternSet& probes,
                         val options_arg) {
  return guard([&] {
    const val model_value = take(model_arg), options = take(options_arg);
    const ModelSpec spec =
        parse_model(parse_json_text(json_text_of(model_value, "model").as<std::string>()));
    return trajectory_value(*make_model(spec, memories), probes, options, "probes.size");
  });
}
val recall_trajectory_default(const PatternSet& memories, val model, const PatternSet& probes) {
  return recall_trajectory_of(memories, std::move(model), probes, val::undefined());
}

}  // namespace

val trajectory_value(const Model& model, const PatternSet& probes, const val& options,
                     const std::string& size_name) {
  const auto option = [&](const char* key) { return absent(options) ? val::undefined() : js_get(options, key); };
  if (!absent(options)) check_keys(options, "options", {"mode", "steps", "seed", "index", "clamped"});
  const val mode_value = option("mode");
  const UpdateMode mode =
      absent(mode_value) ? UpdateMode::synchronous
                         : parse_choice<UpdateMode>(
                               "mode", mode_value.isString() ? mode_value.as<std::string>() : describe(mode_value));
  const val steps_value = option("steps");
  const double steps = absent(steps_value) ? 10 : number(steps_value, "steps");
  require(std::floor(steps) == steps && steps >= 1 && steps <= double(max_trajectory_steps), "steps",
          number_text(steps), "an integer in [1, " + std::to_string(max_trajectory_steps) + "]");
  std::optional<Rng> rng;
  if (!absent(option("seed"))) rng.emplace(safe_integer(number(option("seed"), "seed"), "seed"));
  const std::size_t p =
      index(absent(option("index")) ? 0 : number(option("index"), "index"), "index", probes.size(), size_name);
  const std::vector<std::uint8_t> clamped =
      absent(option("clamped")) ? std::vector<std::uint8_t>{}
                                : typed_array<std::uint8_t>(option("clamped"), "Uint8Array", "clamped");

  const Trajectory run = recall_trajectory(model, probes.slice(p, 1), static_cast<std::size_t>(steps), mode,
                                           clamped, rng ? &*rng : nullptr);
  val states = val::array(), overlaps = val::array();
  for (std::size_t t = 0; t < run.states.size(); ++t) {
    const auto signs = run.states[t].signs(0);
    states.call<void>("push", to_typed_array(std::vector<std::int8_t>(signs.begin(), signs.end())));
    overlaps.call<void>("push", to_typed_array(run.overlaps[t]));
  }
  val out = val::object();
  out.set("states", states);
  out.set("overlaps", overlaps);
  out.set("energies", to_typed_array(run.energies));
  out.set("flips", to_typed_array(std::vector<std::uint32_t>(run.flips.begin(), run.flips.end())));
  out.set("converged", run.converged);
  return out;
}

EMSCRIPTEN_BINDINGS(damlab_trajectory) {
  emscripten::function("recallTrajectory", &recall_trajectory_of);
  emscripten::function("recallTrajectory", &recall_trajectory_default);
}

}  // namespace damlab::wasm
