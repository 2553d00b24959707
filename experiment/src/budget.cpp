#include "damlab/experiment/budget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "damlab/experiment/choices.hpp"
#include "damlab/data/subsets.hpp"
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
  if (measure == Measure::trajectory) return 1;
  if (measure == Measure::classification) return stored + held_out;
  if (measure == Measure::convergence && p.probes == ProbeSpec::Probes::held_out) return held_out;
  return stored;
}


// What data of S patterns of N bits needs beyond a size budget of this spec's
// measure, and that budget; nothing when it fits. Each need grows with S, so
// the largest S that fits is found by bisection over this same function.
struct Excess {
  std::string what, limit;
};

std::optional<Excess> size_excess(const Spec& spec, std::size_t N, std::size_t S) {
  const auto n = static_cast<double>(N), s = static_cast<double>(S);
  if (n * s > static_cast<double>(max_pattern_bits))
    return Excess{"the patterns take N × S = " + std::to_string(std::uint64_t{N} * S) + " bits (" +
                      mib(n * s / 8) + ")",
                  std::to_string(max_pattern_bits) + " bits (" + mib(max_pattern_bits / 8.0) + ")"};
  if (spec.measure != Measure::capacity) return std::nullopt;
  // Registry models (models/model.hpp): Hopfield networks keep an N × N
  // weight matrix and read a row of it per bit update; the generic capacity
  // scan builds a model and checks K patterns for every K up to S at worst.
  const std::string& model = spec.model.name;
  const Computation computation = model_info(model).computation;
  const bool hebbian = computation == Computation::weight_matrix;
  const double limit = static_cast<double>(max_work);
  if (computation != Computation::dam) {
    const double work = hebbian ? s * s * n * n : s * s * s * n / 3;
    if (work > limit)
      return Excess{"model " + model + " checks every K up to S, about " +
                        (hebbian ? "S² × N²" : "S³ × N / 3") + " = " + rounded(work) + " operations",
                    "2^40 = " + rounded(limit)};
  }
  if (n * s > static_cast<double>(max_margins))
    return Excess{"measure = capacity keeps S × N = " + std::to_string(std::uint64_t{N} * S) +
                      " margins as doubles (" + mib(8 * n * s) + ")",
                  std::to_string(max_margins) + " (" + mib(8.0 * max_margins) + ")"};
  if (s * s * n > limit)
    return Excess{"measure = capacity takes S² × N = " + rounded(s * s * n) + " margin updates",
                  "2^40 = " + rounded(limit)};
  return std::nullopt;
}

// The largest S' < S for which fits(S') holds (0 when none does); fits is
// monotone: true up to some S, false beyond.
template <typename Fits>
std::size_t largest_fitting(std::size_t S, Fits&& fits) {
  std::size_t lo = 0, hi = S - 1;
  while (lo < hi) {
    const std::size_t mid = lo + (hi - lo + 1) / 2;
    if (fits(mid))
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

// Hamming distances the greedy selection computes at worst, in 64-bit words
// (greedy_subset in data/subsets.hpp): per attempt each candidate's distance
// to the chosen patterns is computed once per member, and a candidate is one
// of the eligible patterns or one of the S × max_candidates draws.
double greedy_work(const DataSpec& data, std::size_t N, std::size_t S, std::size_t eligible) {
  const double attempts = static_cast<double>(GreedySubsetOptions{}.max_attempts);
  const double candidates = std::min(static_cast<double>(eligible),
                                     static_cast<double>(S) * static_cast<double>(data.max_candidates));
  return attempts * candidates * static_cast<double>(S) * static_cast<double>((N + 63) / 64);
}

}  // namespace

void check_budget(const Spec& spec, std::size_t N, std::size_t S) {
  const DataSpec& data = spec.data;
  const std::string& model = spec.model.name;
  const Computation computation = model_info(model).computation;
  const bool hebbian = computation == Computation::weight_matrix;
  require(!hebbian || N <= max_hebbian_N, "data.N", N,
          "at most " + std::to_string(max_hebbian_N) + " for " + model + " (an N × N weight matrix)");
  if (const auto excess = size_excess(spec, N, S))
    over_budget(data, N, S, excess->what, excess->limit, largest_fitting(S, [&](std::size_t s) {
                  return !size_excess(spec, N, s);
                }));
  if (spec.measure == Measure::capacity) return;
  const auto n = static_cast<double>(N);
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

void check_selection_budget(const DataSpec& data, std::size_t N, std::size_t eligible) {
  if (data.selection != DataSpec::Selection::greedy) return;
  const std::size_t S = data.S == 0 ? eligible : data.S;
  const double work = greedy_work(data, N, S, eligible);
  if (work <= static_cast<double>(max_work)) return;
  over_budget(data, N, S,
              "data.selection = greedy computes up to attempts × candidates × S × N / 64 = " +
                  rounded(work) + " Hamming-distance words",
              "2^40 = " + rounded(static_cast<double>(max_work)),
              largest_fitting(S, [&](std::size_t s) {
                return greedy_work(data, N, s, eligible) <= static_cast<double>(max_work);
              }));
}

void check_train_budget(const Spec& spec, std::size_t images, std::size_t width) {
  const TrainingOptions& o = spec.training;
  const double per_epoch = static_cast<double>(o.memories) * static_cast<double>(width) *
                           static_cast<double>(images);
  const double work = per_epoch * static_cast<double>(o.epochs);
  const auto limit = static_cast<double>(max_train_work);
  if (work <= limit) return;
  const double epochs = std::floor(limit / per_epoch);
  throw InvalidArgument(
      "train.epochs",
      "train.epochs = " + std::to_string(o.epochs) + ": training takes K × (N + C) × images × epochs = " +
          std::to_string(o.memories) + " × " + std::to_string(width) + " × " + std::to_string(images) +
          " × " + std::to_string(o.epochs) + " = " + rounded(work) +
          " multiply-adds, above the limit of 2^45 = " + rounded(limit) + "; " +
          (epochs >= 1 ? "train.epochs can be at most " + std::to_string(static_cast<std::uint64_t>(epochs))
                       : std::string("not even one epoch fits: lower train.memories or data.train")));
}

}  // namespace damlab
