#include "damlab/experiment/record.hpp"

#include <algorithm>
#include <cstdlib>

#include "damlab/util/error.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/experiment/trajectory_measure.hpp"
#include "damlab/measures/model_capacity.hpp"
#include "damlab/measures/occlusion.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

namespace {

Json estimate_json(const CapacityEstimate& estimate) {
  const auto& hd = estimate.pairwise_hd;
  Json out;
  out["kmax"] = estimate.kmax;
  out["censored"] = estimate.censored;
  out["mean_hd"] = hd.pairs == 0 ? Json(nullptr) : Json(hd.mean());  // NaN is not JSON
  out["hd_sum"] = hd.distance_sum;
  out["pairs"] = hd.pairs;
  return out;
}

// The first count (0: all K) stored patterns, or the count (0: all) patterns
// after the K stored ones.
PatternSet stored_probes(const PatternSet& set, std::size_t K, std::size_t count) {
  require(count <= K, "probe.count", count, "at most K = " + std::to_string(K) + " stored patterns");
  return set.slice(0, count == 0 ? K : count);
}

PatternSet held_out_probes(const PatternSet& set, std::size_t K, std::size_t count) {
  const std::size_t available = set.size() - K;
  require(available >= 1, "probe.K", K,
          "below the " + std::to_string(set.size()) + " patterns of the data, to leave probes");
  require(count <= available, "probe.count", count,
          "at most the " + std::to_string(available) + " held-out patterns");
  return set.slice(K, count == 0 ? available : count);
}

struct ProbeRun {
  PatternSet original, final;
  Nearest nearest;
};

ProbeRun probe(const Model& net, PatternSet probes, const ProbeSpec& spec, Rng& rng) {
  ProbeRun run{probes, flip_bits(probes, spec.delta, rng), {}};
  occlude(run.final, spec.occlusion, rng);
  run_updates(net, run.final, spec.steps, spec.update, rng);
  run.nearest = nearest_memories(net, run.final);
  return run;
}

Json proportion_json(const Proportion& p) {
  return {{"failures", p.failures}, {"trials", p.trials}, {"rate", p.estimate()},
          {"lower", p.lower()}, {"upper", p.upper()}};
}

Json probe_measure(const Spec& spec, const PatternSet& set, const std::vector<std::uint8_t>& labels,
                   const Progress& progress) {
  const ProbeSpec& p = spec.probe;
  const std::size_t K = p.K == 0 ? set.size() : p.K;
  require(K <= set.size(), "probe.K", K,
          "at most the " + std::to_string(set.size()) + " patterns of the data");
  const std::unique_ptr<Model> model = make_model(spec.model, set.slice(0, K));
  const Model& net = *model;
  Rng rng(p.seed);
  const auto N = static_cast<double>(set.N());
  Json out;
  out["N"] = set.N();
  out["K"] = K;
  if (spec.measure == Measure::retrievability) {
    const auto r = retrievability(net, p.delta, p.trials, p.steps, p.update, rng, progress);
    std::size_t failures = 0, trials = 0;
    for (const auto& f : r.failure) failures += f.failures, trials += f.trials;
    out["retrievable"] = r.retrievable(p.epsilon);
    out["retrievable_confidently"] = r.retrievable_confidently(p.epsilon);
    out["worst"] = proportion_json(r.worst());
    out["mean_failure_rate"] = static_cast<double>(failures) / static_cast<double>(trials);
    return out;
  }
  if (spec.measure == Measure::recall) {
    const auto run = probe(net, stored_probes(set, K, p.count), p, rng);
    std::size_t recalled = 0;
    double overlap_sum = 0;
    for (std::size_t q = 0; q < run.final.size(); ++q) {
      const std::int32_t m = overlap(run.final.row(q), run.original.row(q), set.N());
      recalled += m == static_cast<std::int32_t>(set.N());
      overlap_sum += m / N;
    }
    out["probes"] = run.final.size();
    out["recalled"] = recalled;
    out["recall_rate"] = static_cast<double>(recalled) / static_cast<double>(run.final.size());
    out["mean_overlap"] = overlap_sum / static_cast<double>(run.final.size());
  } else if (spec.measure == Measure::convergence) {
    const bool stored = p.probes == ProbeSpec::Probes::stored;
    const auto probes = stored ? stored_probes(set, K, p.count) : held_out_probes(set, K, p.count);
    const auto run = probe(net, probes, p, rng);
    const auto fractions = converged_fraction(run.nearest, set.N(), p.epsilons);
    out["probes"] = run.final.size();
    double cvg = 0;
    for (auto m : run.nearest.max_abs_overlap) cvg += m / N;
    out["mean_cvg"] = cvg / static_cast<double>(run.final.size());
    Json dc = Json::object();
    for (std::size_t e = 0; e < p.epsilons.size(); ++e) dc[Json(p.epsilons[e]).dump()] = fractions[e];
    out["D_c"] = dc;
  } else {  // classification
    require(labels.size() == set.size(), "data.source", "unlabelled data",
            "a data set with labels for measure = classification");
    const std::vector<std::uint8_t> memory_labels(labels.begin(), labels.begin() + static_cast<long>(K));
    const auto error = [&](std::size_t first, const PatternSet& probes) {
      const auto run = probe(net, probes, p, rng);
      const std::vector<std::uint8_t> truth(labels.begin() + static_cast<long>(first),
                                            labels.begin() + static_cast<long>(first + probes.size()));
      return classification_error(run.nearest, memory_labels, truth);
    };
    const auto train = stored_probes(set, K, std::min(p.count, K));
    out["train_probes"] = train.size();
    out["train_error"] = error(0, train);
    report(progress, 0.5);
    const auto test = held_out_probes(set, K, p.count);
    out["test_probes"] = test.size();
    out["test_error"] = error(K, test);
  }
  report(progress, 1.0);
  return out;
}

}  // namespace

Json capacity_json(const CapacityResult& result) {
  Json out;
  out["N"] = result.N;
  out["S"] = result.S;
  out["exact"] = estimate_json(result.exact);
  if (result.binary) {
    Json binary = estimate_json(*result.binary);
    binary["evaluations"] = result.binary->evaluations;
    out["binary"] = binary;
  }
  if (result.profile) {
    out["monotone"] = result.profile->monotone();
    // One character per K = 1..S: '1' when the first K are retrieved.
    std::string profile;
    for (const auto retrieved : result.profile->retrieved) profile += retrieved ? '1' : '0';
    out["profile"] = profile;
  }
  if (result.evaluated) out["evaluated"] = *result.evaluated;
  return out;
}

Json run_spec(const Spec& spec, std::span<const std::uint8_t> file_bytes,
              const Progress& progress) {
  require(spec.measure != Measure::train, "measure", "train",
          "run through run_train_spec (experiment/train_record.hpp): its data are several files");
  require(spec.data.source != DataSpec::Source::trained, "data.source", "trained",
          "run through run_trained_spec (experiment/trained_source.hpp): its data are two files");
  // A spec built in code has not passed parse_spec: check generated data
  // before making it, loaded data (its size known only now) before measuring.
  if (spec.data.source == DataSpec::Source::rademacher) check_budget(spec, spec.data.N, spec.data.S);
  // The data set-up polls for cancellation at fraction 0: the measure's
  // progress starts only after it.
  return run_spec(spec, load_data(spec.data, file_bytes, part_of(progress, 0, 0)), progress);
}

Json run_spec(const Spec& spec, const LoadedData& data, const Progress& progress) {
  require(spec.measure != Measure::train, "measure", "train",
          "run through run_train_spec (experiment/train_record.hpp): its data are several files");
  require(spec.data.source != DataSpec::Source::trained, "data.source", "trained",
          "run through run_trained_spec (experiment/trained_source.hpp): its data are two files");
  const PatternSet& set = data.patterns;
  check_budget(spec, set.N(), set.size());
  const std::vector<std::uint8_t>& labels = data.labels;
  Json record;
  record["spec"] = to_json(spec);
  const bool seeded = spec.data.source == DataSpec::Source::rademacher ||
                      (spec.data.is_asset() && spec.data.selection != DataSpec::Selection::first);
  record["seed"] = seeded ? Json(spec.data.seed) : Json(nullptr);
  record["data"] = {{"N", set.N()}, {"count", set.size()}, {"checksum", checksum(set)},
                    {"checksum_of", "FNV-1a 64 of the packed pattern words, 8 little-endian bytes each"}};
  for (const auto& note : data.notes.items()) record["data"][note.key()] = note.value();
  // The measure runs first: its budgets (e.g. capacity's exact tie sums,
  // counted as they happen) refuse a run before the whole set's separation
  // below costs its S² N / 2 bit operations.
  Json result = spec.measure == Measure::capacity
                    ? capacity_json(model_capacity(spec.model, set, false, progress))
                : spec.measure == Measure::trajectory ? trajectory_result(spec, data, progress)
                                                      : probe_measure(spec, set, labels, progress);
  if (spec.measure == Measure::capacity) {
    // The separation of the whole set (all S patterns), which data-set
    // buckets (e.g. Fig. 2's HD 60/90/120) are defined on; it polls for
    // cancellation at fraction 1, the measure being done.
    const auto separation = pairwise_distance(set, set.size(), part_of(progress, 1, 1));
    record["data"]["mean_hd"] = separation.pairs == 0 ? Json(nullptr) : Json(separation.mean());
  }
  record["code_version"] = code_version();
  record["result"] = std::move(result);
  return record;
}

}  // namespace damlab
