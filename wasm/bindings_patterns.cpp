// PatternSet: bit-packed ±1 patterns, created from JS typed arrays with one
// bulk copy each. A PatternSet is a class handle: call .delete() when done.
#include <malloc.h>

#include <cmath>
#include <cstdint>

#include "bindings.hpp"
#include "damlab/kernels/overlaps.hpp"
#include "damlab/kernels/patterns.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/experiment/data_source.hpp"

namespace damlab::wasm {

namespace {

PatternSet* make_set(double N, double count) {
  return guard([&] {
    check_pattern_sizes(size(N, "N"), size(count, "count"));
    return new PatternSet(size(N, "N"), size(count, "count"));
  });
}

// Bytes of count*N values; value >= threshold gives +1.
PatternSet from_bytes(val bytes_arg, double N, double threshold) {
  return guard([&] {
    const val bytes = take(bytes_arg);
    require(std::floor(threshold) == threshold && threshold >= 0 && threshold <= 255,
            "threshold", number_text(threshold), "an integer in [0, 255]");
    const auto values = typed_array<std::uint8_t>(bytes, "Uint8Array", "bytes");
    const std::size_t bits = size(N, "N");
    if (bits >= 1) check_pattern_sizes(bits, values.size() / bits);
    return PatternSet::from_bytes(values, bits, static_cast<std::uint8_t>(threshold));
  });
}

// 0/1 bytes: threshold 1.
PatternSet from_bits(val bytes, double N) { return from_bytes(std::move(bytes), N, 1); }

PatternSet from_signs(val signs_arg, double N) {
  return guard([&] {
    const val signs = take(signs_arg);
    const auto values = typed_array<std::int8_t>(signs, "Int8Array", "signs");
    const std::size_t bits = size(N, "N");
    if (bits >= 1) check_pattern_sizes(bits, values.size() / bits);
    return PatternSet::from_signs(std::vector<int>(values.begin(), values.end()), size(N, "N"));
  });
}

// Packed 64-bit words as a Uint32Array, low half of each word first (the
// layout of a little-endian 64-bit array, which wasm memory is).
PatternSet from_words(val words_arg, double N) {
  return guard([&] {
    const val words = take(words_arg);
    const std::size_t halves = typed_length(words, "Uint32Array", "words");
    require(halves % 2 == 0, "words.length", halves,
            "even (two 32-bit halves per 64-bit word, low half first)");
    const std::size_t bits = size(N, "N");
    if (bits >= 1)
      check_pattern_sizes(bits, halves / 2 / PatternSet::words_per_pattern(bits));
    std::vector<std::uint64_t> packed(halves / 2);
    copy_typed(words, val(emscripten::typed_memory_view(
                          halves, reinterpret_cast<std::uint32_t*>(packed.data()))));
    return PatternSet::from_words(packed, bits);
  });
}

val words(const PatternSet& set) {
  return guard([&] {
    const auto all = set.all_words();
    return val(emscripten::typed_memory_view(
                   all.size() * 2, reinterpret_cast<const std::uint32_t*>(all.data())))
        .call<val>("slice");
  });
}

val signs(const PatternSet& set, double p) {
  return guard([&] {
    const auto values = set.signs(index(p, "p", set.size(), "size"));
    return to_typed_array(std::vector<std::int8_t>(values.begin(), values.end()));
  });
}

PatternSet slice(const PatternSet& set, double first, double count) {
  return guard([&] { return set.slice(size(first, "first"), size(count, "count")); });
}

bool equals(const PatternSet& set, const PatternSet& other) { return set == other; }

std::string checksum_of(const PatternSet& set) {
  return guard([&] { return checksum(set); });
}

// The record schema's names (hd_sum, pairs, mean_hd), as in a capacity record's estimates.
val distance_object(const PairwiseDistance& d) {
  val out = val::object();
  out.set("hd_sum", static_cast<double>(d.distance_sum));
  out.set("pairs", static_cast<double>(d.pairs));
  out.set("mean_hd", d.pairs == 0 ? val::null() : val(d.mean()));
  return out;
}

// Pairwise Hamming distance of the first prefix patterns (default: all).
val pairwise(const PatternSet& set, double prefix) {
  return guard([&] { return distance_object(pairwise_distance(set, size(prefix, "prefix"))); });
}
val pairwise_all(const PatternSet& set) { return pairwise(set, static_cast<double>(set.size())); }

// Every overlap a_r · b_c as an Int32Array, row-major (a.size × b.size): the
// core's block kernel (on wasm its scalar popcount path).
val overlap_matrix_of(const PatternSet& a, const PatternSet& b) {
  return guard([&] {
    // wasm32's size_t would overflow in the product.
    const std::uint64_t values = std::uint64_t{a.size()} * b.size();
    require(values <= (std::uint64_t{1} << 28), "a.size * b.size", values,
            "at most 268435456 (1 GiB of overlaps)");
    return to_typed_array(overlap_matrix(a, b));
  });
}

// A copy of set with each bit flipped independently with probability delta,
// drawn from rng (the core's flip_bits: the same stream as native).
PatternSet flip_bits_of(const PatternSet& set, double delta, Rng& rng) {
  return guard([&] { return flip_bits(set, delta, rng); });
}

// Wasm memory size and bytes held by malloc: lets a page (and the tests)
// see whether handles are being deleted.
val memory_stats() {
  return guard([&] {
    val out = val::object();
    out.set("wasmBytes", static_cast<double>(__builtin_wasm_memory_size(0)) * 65536);
    out.set("allocatedBytes", static_cast<double>(mallinfo().uordblks));
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_patterns) {
  using namespace emscripten;
  class_<PatternSet>("PatternSet")
      .constructor(&make_set)
      .class_function("fromBytes", &from_bytes)
      .class_function("fromBytes", &from_bits)
      .class_function("fromSigns", &from_signs)
      .class_function("fromWords", &from_words)
      .property("N", &PatternSet::N)
      .property("size", &PatternSet::size)
      .property("wordsPerPattern", &PatternSet::words)
      .function("words", &words)
      .function("signs", &signs)
      .function("slice", &slice)
      .function("equals", &equals)
      .function("checksum", &checksum_of)
      .function("pairwiseDistance", &pairwise)
      .function("pairwiseDistance", &pairwise_all);
  function("overlapMatrix", &overlap_matrix_of);
  function("flipBits", &flip_bits_of);
  function("memoryStats", &memory_stats);
}

}  // namespace damlab::wasm
