// Trained memories as a data source (experiment/trained_source.hpp) in JS:
// runTrainedSpec, the record `damlab run` writes for a convergence spec on a
// memory file (D_c^ε on the overloaded-regime paper's D), and
// trainedTrajectory, one of its probes step by step (the Recall view).
#include "bindings.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/trained_source.hpp"

namespace damlab::wasm {

namespace {

// The spec (JSON text) and the bytes of the files it reads (files: an object
// of Uint8Array by name: data.path and "mnist-10k-grey.bin").
struct TrainedInput {
  Spec spec;
  FileBytes files;
};

TrainedInput trained_input(const val& spec_value, const val& files_value) {
  require(spec_value.isString(), "spec", describe(spec_value), "a string of JSON");
  TrainedInput in{parse_spec_text(spec_value.as<std::string>()), {}};
  require(in.spec.data.source == DataSpec::Source::trained, "data.source", "not trained", "trained");
  require(files_value.typeOf().as<std::string>() == "object" && !files_value.isNull(), "files",
          describe(files_value), "an object of Uint8Array by file name");
  for (const std::string& name : trained_files(in.spec.data)) {
    const val bytes = js_get(files_value, name);
    require(!absent(bytes), "files", name, "the bytes of every file the spec reads");
    in.files[name] = typed_array<std::uint8_t>(bytes, "Uint8Array", "files." + name);
  }
  return in;
}

// The record text exactly as the native runner prints it (dump(2)).
std::string run_trained_text(val spec_arg, val files_arg, val on_progress_arg) {
  return guard([&] {
    const val spec = take(spec_arg), files = take(files_arg), on_progress = take(on_progress_arg);
    const TrainedInput in = trained_input(spec, files);
    return run_trained_spec(in.spec, in.files, progress(on_progress)).dump(2);
  });
}
std::string run_trained_plain(val spec, val files) {
  return run_trained_text(std::move(spec), std::move(files), val::undefined());
}

// {pixels, classes, item, label, clean: Int8Array (the state before noise),
// states: [Int8Array], overlaps: [Float64Array] (each state with every
// memory), top: [[{memory, overlap}]] (each state's five largest |overlap|),
// nearest: {memory: Float32Array} (the weights of each state's first),
// flips: [number], converged}.
val trained_trajectory_of(val spec_arg, val files_arg, double index_arg) {
  return guard([&] {
    const val spec = take(spec_arg), files = take(files_arg);
    const TrainedInput in = trained_input(spec, files);
    const TrainedTrajectory t = trained_trajectory(in.spec, in.files, size(index_arg, "index"));
    val states = val::array(), overlaps = val::array(), flips = val::array(), top = val::array();
    for (const auto& state : t.states) states.call<void>("push", to_typed_array(state));
    for (const auto& row : t.overlaps) overlaps.call<void>("push", to_typed_array(row));
    for (std::size_t s = 0; s < t.nearest.size(); ++s) {
      val row = val::array();
      for (const std::size_t m : t.nearest[s]) {
        val entry = val::object();
        entry.set("memory", static_cast<double>(m));
        entry.set("overlap", t.overlaps[s][m]);
        row.call<void>("push", entry);
      }
      top.call<void>("push", row);
    }
    val nearest = val::object();
    for (const auto& [m, weights] : t.nearest_weights) nearest.set(std::to_string(m), to_typed_array(weights));
    for (const auto f : t.flips) flips.call<void>("push", static_cast<double>(f));
    val out = val::object();
    out.set("pixels", static_cast<double>(t.pixels));
    out.set("classes", static_cast<double>(t.classes));
    out.set("item", static_cast<double>(t.item));
    out.set("label", static_cast<double>(t.label));
    out.set("clean", to_typed_array(t.clean));
    out.set("states", states);
    out.set("overlaps", overlaps);
    out.set("top", top);
    out.set("nearest", nearest);
    out.set("flips", flips);
    out.set("converged", t.converged);
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_trained_source) {
  using namespace emscripten;
  function("runTrainedSpec", &run_trained_text);
  function("runTrainedSpec", &run_trained_plain);
  function("trainedTrajectory", &trained_trajectory_of);
}

}  // namespace damlab::wasm
