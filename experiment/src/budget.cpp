#include "damlab/experiment/budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "damlab/experiment/choices.hpp"
#include "damlab/models/hebbian.hpp"
#include "damlab/models/registry.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

namespace {

std::string mib(double bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1 << 20));
  return text;
}

std::string rounded(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

// The field that sets the number of patterns, and its value as asked for.
std::string size_field(const DataSpec& data) {
  return data.source == DataSpec::Source::idx ? "data.first" : "data.S";
}
std::string size_text(const DataSpec& data, std::size_t S) {
  const bool all = data.source == DataSpec::Source::idx ? !data.first : data.S == 0;
  return size_field(data) + " = " + (all ? "all " : "") + std::to_string(S) +
         (all ? " patterns" : "") + " with N = ";
}

[[noreturn]] void over_budget(const DataSpec& data, std::size_t N, std::size_t S,
                              const std::string& what, const std::string& limit,
                              std::uint64_t most) {
  throw InvalidArgument(size_field(data), size_text(data, S) + std::to_string(N) + ": " + what +
                                              ", above the limit of " + limit + "; " +
                                              size_field(data) + " can be at most " +
                                              std::to_string(most));
}

// Probes run by a probe measure with K memories out of S patterns, as
// record.cpp chooses them (counts that record.cpp rejects are capped here).
double probe_count(const ProbeSpec& p, Measure measure, std::size_t K, std::size_t S) {
  const double stored = static_cast<double>(p.count == 0 ? K : std::min(p.count, K));
  const double held_out = static_cast<double>(p.count == 0 ? S - K : std::min(p.count, S - K));
  if (measure == Measure::retrievability) return static_cast<double>(K) * static_cast<double>(p.trials);
  if (measure == Measure::classification) return stored + held_out;
  if (measure == Measure::convergence && p.probes == ProbeSpec::Probes::held_out) return held_out;
  return stored;
}

}  // namespace

void check_budget(const Spec& spec, std::size_t N, std::size_t S) {
  const DataSpec& data = spec.data;
  const auto n = static_cast<double>(N), s = static_cast<double>(S);
  if (n * s > static_cast<double>(max_pattern_bits))
    over_budget(data, N, S,
                "the patterns take N × S = " + std::to_string(std::uint64_t{N} * S) + " bits (" +
                    mib(n * s / 8) + ")",
                std::to_string(max_pattern_bits) + " bits (" + mib(max_pattern_bits / 8.0) + ")",
                max_pattern_bits / N);
  // Registry models (models/model.hpp): Hopfield networks keep an N × N
  // weight matrix and read a row of it per bit update; the generic capacity
  // scan builds a model and checks K patterns for every K up to S at worst.
  const std::string& model = spec.model.name;
  const Computation computation = model_info(model).computation;
  const bool hebbian = computation == Computation::weight_matrix;
  require(!hebbian || N <= max_hebbian_N, "data.N", N,
          "at most " + std::to_string(max_hebbian_N) + " for " + model + " (an N × N weight matrix)");
  const double limit = static_cast<double>(max_work);
  if (spec.measure == Measure::capacity && computation != Computation::dam) {
    const double work = hebbian ? s * s * n * n : s * s * s * n / 3;
    if (work > limit)
      over_budget(data, N, S,
                  "model " + model + " checks every K up to S, about " +
                      (hebbian ? "S² × N²" : "S³ × N / 3") + " = " + rounded(work) + " operations",
                  "2^40 = " + rounded(limit),
                  static_cast<std::uint64_t>(hebbian ? std::sqrt(limit) / n : std::cbrt(3 * limit / n)));
  }
  if (spec.measure == Measure::capacity) {
    if (n * s > static_cast<double>(max_margins))
      over_budget(data, N, S,
                  "measure = capacity keeps S × N = " + std::to_string(std::uint64_t{N} * S) +
                      " margins as doubles (" + mib(8 * n * s) + ")",
                  std::to_string(max_margins) + " (" + mib(8.0 * max_margins) + ")",
                  max_margins / N);
    if (s * s * n > static_cast<double>(max_work))
      over_budget(data, N, S,
                  "measure = capacity takes S² × N = " + rounded(s * s * n) + " margin updates",
                  "2^40 = " + rounded(static_cast<double>(max_work)),
                  static_cast<std::uint64_t>(std::sqrt(static_cast<double>(max_work) / n)));
    return;
  }
  const ProbeSpec& p = spec.probe;
  const std::size_t K = p.K == 0 ? S : p.K;
  if (K > S) return;  // record.cpp names probe.K
  const double probes = probe_count(p, spec.measure, K, S);
  const double steps = static_cast<double>(std::max<std::size_t>(p.steps, 1));
  // A Hopfield network's bit update reads N weights instead of K overlaps,
  // and building it takes K × N² at most.
  const double work = hebbian ? (static_cast<double>(K) + probes * steps) * n * n
                              : static_cast<double>(K) * probes * n * steps;
  if (work > static_cast<double>(max_work))
    throw InvalidArgument(
        "probe", "probe: measure = " + choice_name(spec.measure) +
                     (hebbian ? " with " + model + " takes (K + probes × steps) × N² = (" +
                                    std::to_string(K) + " + " + rounded(probes) + " × " +
                                    rounded(steps) + ") × " + std::to_string(N) + "²"
                              : " takes K × probes × N × steps = " + std::to_string(K) + " × " +
                                    rounded(probes) + " × " + std::to_string(N) + " × " +
                                    rounded(steps)) +
                     " = " + rounded(work) +
                     " bit updates, above the limit of 2^40 = " +
                     rounded(static_cast<double>(max_work)) + "; lower probe.K, " +
                     (spec.measure == Measure::retrievability ? "probe.trials" : "probe.count") +
                     " or probe.steps");
}

}  // namespace damlab
