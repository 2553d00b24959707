// The data steps of the playground's recall view, each the core's: the packed
// asset reader (with its checksum check), a subset of a pool by index, and
// the occlusion of square images. Bit flips are flipBits (bindings_patterns).
#include "bindings.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/data/subsets.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/measures/occlusion.hpp"

namespace damlab::wasm {

namespace {

// {patterns: PatternSet (delete it), labels: Uint8Array, source: string}.
// A malformed asset (wrong magic, size or checksum) throws a DataError.
val parse_packed_asset_of(val bytes_arg) {
  return guard([&] {
    const val bytes = take(bytes_arg);
    const auto data = typed_array<std::uint8_t>(bytes, "Uint8Array", "bytes");
    LabeledPatterns parsed = parse_packed_asset(data);
    val out = val::object();
    out.set("labels", to_typed_array(parsed.labels));
    out.set("source", parsed.source);
    out.set("patterns", val(std::move(parsed.patterns)));
    return out;
  });
}

// The patterns of pool at indices (a Uint32Array), in that order.
PatternSet select_patterns_of(const PatternSet& pool, val indices_arg) {
  return guard([&] {
    const val indices = take(indices_arg);
    const auto chosen = typed_array<std::uint32_t>(indices, "Uint32Array", "indices");
    for (std::size_t i = 0; i < chosen.size(); ++i)
      index(chosen[i], "indices[" + std::to_string(i) + "]", pool.size(), "the pool size");
    return select_patterns(pool, chosen);
  });
}

// {size, position, fill} as the core's Occlusion (validated by it against N).
Occlusion occlusion_of(const val& options, std::size_t N) {
  check_keys(options, "occlusion", {"size", "position", "fill"});
  Occlusion occlusion;
  occlusion.size = size(number(js_get(options, "size"), "occlusion.size"), "occlusion.size");
  const auto name = [&](const char* key) {
    const val v = js_get(options, key);
    require(v.isString(), std::string("occlusion.") + key, describe(v), "a string");
    return v.as<std::string>();
  };
  if (!absent(js_get(options, "position")))
    occlusion.position = parse_choice<OcclusionPosition>("occlusion.position", name("position"));
  if (!absent(js_get(options, "fill"))) occlusion.fill = parse_choice<OcclusionFill>("occlusion.fill", name("fill"));
  occlusion.validate(N);
  return occlusion;
}

// A copy of set with every pattern occluded (random positions and fills draw from rng).
PatternSet occlude_of(const PatternSet& set, val options_arg, Rng& rng) {
  return guard([&] {
    const val options = take(options_arg);
    PatternSet out = set;
    occlude(out, occlusion_of(options, set.N()), rng);
    return out;
  });
}

// Uint8Array(N), 1 where a fixed occlusion (not "random") covers a pixel: the
// pixels of an all-+1 image that occlusion with fill "off" sets to -1.
val occlusion_mask(double N_arg, val options_arg) {
  return guard([&] {
    const val options = take(options_arg);
    const std::size_t N = size(N_arg, "N");
    return to_typed_array(damlab::occlusion_mask(N, occlusion_of(options, N)));
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_data) {
  using namespace emscripten;
  function("parsePackedAsset", &parse_packed_asset_of);
  function("selectPatterns", &select_patterns_of);
  function("occlude", &occlude_of);
  function("occlusionMask", &occlusion_mask);
}

}  // namespace damlab::wasm
