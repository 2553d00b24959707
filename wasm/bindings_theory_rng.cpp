// Theory overlays and the project's random number generator. Seeds are JS
// Numbers holding integers in [0, 2^53 - 1], the range a Number keeps exactly
// (the same rule as experiment specs).
#include <cstdio>

#include "bindings.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/data/rng.hpp"
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
