// Capacity of a pattern set and experiment specs. runSpec returns the record
// text exactly as the native runner prints it (damlab::run_spec + dump(2)),
// so the two can be compared byte for byte.
#include "bindings.hpp"
#include "damlab/dam/capacity.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/version.hpp"

namespace damlab::wasm {

namespace {

// Both modes on one set, in the record schema of `damlab run`'s "result"
// (capacity_json, parsed into a JS object): {N, S, exact: {kmax, censored,
// mean_hd, hd_sum, pairs}, binary: {..., evaluations}, monotone, profile (a
// string, character K - 1 is '1' when the first K are retrieved)}.
val capacity_of(const PatternSet& set, val model_arg, val on_progress_arg) {
  return guard([&] {
    const val model = take(model_arg), on_progress = take(on_progress_arg);
    // A copy: the progress callback may delete the caller's set (a JS
    // handle) while the core still reads it.
    const PatternSet patterns = set;
    const CapacityResult result = capacity(patterns, separation(model), progress(on_progress));
    return val::global("JSON").call<val>("parse", capacity_json(result).dump());
  });
}
val capacity_quiet(const PatternSet& set, val model) {
  return capacity_of(set, std::move(model), val::undefined());
}

std::string text_argument(const val& text, const std::string& field) {
  require(text.isString(), field, describe(text), "a string of JSON");
  return text.as<std::string>();
}

// The record of a spec (JSON text); idxBytes holds the file of an idx source.
std::string run_spec_text(val spec_arg, val idx_bytes_arg, val on_progress_arg) {
  return guard([&] {
    const val spec = take(spec_arg), idx_bytes = take(idx_bytes_arg),
              on_progress = take(on_progress_arg);
    const auto bytes = absent(idx_bytes)
                           ? std::vector<std::uint8_t>{}
                           : typed_array<std::uint8_t>(idx_bytes, "Uint8Array", "idxBytes");
    return run_spec(parse_spec_text(text_argument(spec, "spec")), bytes, progress(on_progress))
        .dump(2);
  });
}
std::string run_spec_bytes(val spec, val idx_bytes) {
  return run_spec_text(std::move(spec), std::move(idx_bytes), val::undefined());
}
std::string run_spec_plain(val spec) {
  return run_spec_text(std::move(spec), val::undefined(), val::undefined());
}

// The spec with every default filled in (as recorded in results): lets a
// front end validate a spec without running it.
std::string normalize_spec(val spec_arg) {
  return guard([&] {
    const val spec = take(spec_arg);
    return to_json(parse_spec_text(text_argument(spec, "spec"))).dump(2);
  });
}

std::string version() { return code_version(); }

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_capacity) {
  using namespace emscripten;
  function("capacity", &capacity_of);
  function("capacity", &capacity_quiet);
  function("runSpec", &run_spec_text);
  function("runSpec", &run_spec_bytes);
  function("runSpec", &run_spec_plain);
  function("normalizeSpec", &normalize_spec);
  function("version", &version);
}

}  // namespace damlab::wasm
