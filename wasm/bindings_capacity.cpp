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

val estimate_object(const CapacityEstimate& estimate) {
  const auto& hd = estimate.separation;
  val out = val::object();
  out.set("kmax", static_cast<double>(estimate.kmax));
  out.set("censored", estimate.censored);
  out.set("meanHd", hd.pairs == 0 ? val::null() : val(hd.mean()));
  // Exact as Numbers up to 2^53 (S^2 N / 2 stays far below for any set that fits in memory).
  out.set("hdSum", static_cast<double>(hd.distance_sum));
  out.set("pairs", static_cast<double>(hd.pairs));
  return out;
}

// Both modes on one set: {N, S, exact, binary (+ evaluations), monotone,
// profile (Uint8Array, profile[K - 1] = 1 when the first K are retrieved)}.
val capacity_of(const PatternSet& set, val model_arg, val on_progress_arg) {
  return guard([&] {
    const val model = take(model_arg), on_progress = take(on_progress_arg);
    const CapacityResult result = capacity(set, separation(model), progress(on_progress));
    val out = val::object();
    out.set("N", static_cast<double>(result.N));
    out.set("S", static_cast<double>(result.S));
    out.set("exact", estimate_object(result.exact));
    val binary = estimate_object(result.binary);
    binary.set("evaluations", static_cast<double>(result.binary_evaluations));
    out.set("binary", binary);
    out.set("monotone", result.profile.monotone());
    out.set("profile", to_typed_array(result.profile.retrieved));
    return out;
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
