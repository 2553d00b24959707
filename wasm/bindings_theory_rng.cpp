// Theory overlays and the project's random number generator. Seeds are JS
// Numbers holding integers in [0, 2^53 - 1], the range a Number keeps exactly
// (the same rule as experiment specs).
#include <cstdio>

#include "bindings.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/dam/finite_capacity.hpp"
#include "damlab/dam/theory.hpp"

namespace damlab::wasm {

namespace {

double kmax(double N, double n) {
  return guard([&] { return theory::kmax(size(N, "N"), integer(n, "n")); });
}
double log_kmax(double N, double n) {
  return guard([&] { return theory::log_kmax(size(N, "N"), integer(n, "n")); });
}
double error_probability(double N, double n, double K) {
  return guard([&] { return theory::error_probability(size(N, "N"), integer(n, "n"), K); });
}
double kmax_hopfield(double N) {
  return guard([&] { return theory::kmax_hopfield(size(N, "N")); });
}
double kmax_mceliece(double N) {
  return guard([&] { return theory::kmax_mceliece(size(N, "N")); });
}
double kmax_willshaw(double N, double a) {
  return guard([&] { return static_cast<double>(theory::kmax_willshaw(size(N, "N"), a)); });
}
double kmax_exponential(double N) {
  return guard([&] { return theory::kmax_exponential(size(N, "N")); });
}

double kmax_close_pair(double N) {
  return guard([&] { return theory::kmax_close_pair(size(N, "N")); });
}

// The finite-N theory (dam/finite_capacity.hpp); model = {F: 'poly' | 'rectpoly', n}.
double bit_instability(double N, const val& model, double K) {
  return guard([&] { return theory::bit_instability(size(N, "N"), separation(model), size(K, "K")); });
}
double all_retrieved_probability(double N, const val& model, double K) {
  return guard([&] {
    return theory::all_retrieved_probability(size(N, "N"), separation(model), size(K, "K"));
  });
}
val finite_capacity(double N, const val& model) {
  return guard([&] {
    const auto est = theory::finite_capacity(size(N, "N"), separation(model));
    val out = val::object();
    out.set("mean", est.mean);
    out.set("lowerQuartile", static_cast<double>(est.lower_quartile));
    out.set("median", static_cast<double>(est.median));
    out.set("upperQuartile", static_cast<double>(est.upper_quartile));
    return out;
  });
}

Rng* make_rng(double seed) {
  return guard([&] { return new Rng(safe_integer(seed, "seed")); });
}

// The raw 64-bit output as a BigInt (a Number would lose its low bits).
val next(Rng& rng) {
  return guard([&] {
    char hex[19];
    std::snprintf(hex, sizeof hex, "0x%016llx", static_cast<unsigned long long>(rng.next()));
    return val::global("BigInt")(std::string(hex));
  });
}

// A uniform integer in [0, bound), bound an integer in [1, 2^53 - 1].
double below(Rng& rng, double bound) {
  return guard([&] { return static_cast<double>(rng.below(safe_integer(bound, "bound"))); });
}

double uniform(Rng& rng) { return rng.uniform(); }

bool bernoulli(Rng& rng, double p) {
  return guard([&] { return rng.bernoulli(p); });
}

val permutation(Rng& rng, double count) {
  return guard([&] {
    return to_typed_array(rng.permutation(static_cast<std::uint32_t>(size(count, "count"))));
  });
}

PatternSet rademacher_set(double N, double count, double p, double seed) {
  return guard([&] {
    check_pattern_sizes(size(N, "N"), size(count, "count"));
    return rademacher(size(N, "N"), size(count, "count"), p, safe_integer(seed, "seed"));
  });
}

double rademacher_mean_hd_of(double N, double p) {
  return guard([&] { return rademacher_mean_hd(size(N, "N"), p); });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_theory_rng) {
  using namespace emscripten;
  function("kmax", &kmax);
  function("logKmax", &log_kmax);
  function("errorProbability", &error_probability);
  function("kmaxHopfield", &kmax_hopfield);
  function("kmaxMceliece", &kmax_mceliece);
  function("kmaxWillshaw", &kmax_willshaw);
  function("kmaxExponential", &kmax_exponential);
  function("kmaxClosePair", &kmax_close_pair);
  function("bitInstability", &bit_instability);
  function("allRetrievedProbability", &all_retrieved_probability);
  function("finiteCapacity", &finite_capacity);
  class_<Rng>("Rng")
      .constructor(&make_rng)
      .function("next", &next)
      .function("below", &below)
      .function("uniform", &uniform)
      .function("bernoulli", &bernoulli)
      .function("permutation", &permutation);
  function("rademacher", &rademacher_set);
  function("rademacherMeanHd", &rademacher_mean_hd_of);
}

}  // namespace damlab::wasm
