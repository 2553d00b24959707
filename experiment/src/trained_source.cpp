#include "damlab/experiment/trained_source.hpp"

#include <cmath>

#include "damlab/data/grey_asset.hpp"
#include "damlab/data/labelled_split.hpp"
#include "damlab/data/memory_file.hpp"
#include "damlab/dam/capacity.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/train_spec.hpp"
#include "damlab/experiment/trajectory_measure.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/measures/trajectory.hpp"
#include "damlab/train/trained_network.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

namespace {

const std::vector<std::uint8_t>& file(const FileBytes& files, const std::string& name) {
  const auto found = files.find(name);
  require(found != files.end(), "data", name, "a file the front end has read");
  return found->second;
}

// D as states of N + C bits: the pixels at byte >= 128, then one-hot labels.
PatternSet probe_states(const GreyImages& grey, const std::vector<std::uint32_t>& digits,
                        std::size_t classes) {
  PatternSet states(grey.pixels + classes, digits.size());
  for (std::size_t p = 0; p < digits.size(); ++p) {
    const std::uint8_t* image = grey.bytes.data() + std::size_t{digits[p]} * grey.pixels;
    for (std::size_t i = 0; i < grey.pixels; ++i) states.set_sign(p, i, image[i] >= 128 ? 1 : -1);
    for (std::size_t c = 0; c < classes; ++c)
      states.set_sign(p, grey.pixels + c, grey.labels[digits[p]] == c ? 1 : -1);
  }
  return states;
}

// The memories and D's probe states of a trained spec, as both entry points
// read them.
struct Prepared {
  std::string memory_checksum;
  TrainedMemories memories;
  std::vector<std::uint32_t> digits;  // D's digits, indices into the grey asset
  std::vector<std::uint8_t> labels;   // their classes
  PatternSet states{1, 0};
  PatternSet clean{1, 0};       // the states before noise
  std::string probes_checksum;  // of the states before noise: D's identity
};

Prepared prepare(const Spec& spec, const FileBytes& files) {
  const DataSpec& d = spec.data;
  require(d.source == DataSpec::Source::trained && spec.measure == Measure::convergence, "data.source",
          "not trained", "trained with measure = convergence for run_trained_spec");
  const auto& memory_bytes = file(files, d.path);
  Prepared out;
  out.memory_checksum = hex64(memory_file_checksum(memory_bytes));
  try {
    out.memories = decode_memory_file(memory_bytes);
  } catch (const DataError& e) {
    throw DataError(d.path + ": " + e.what());
  }
  GreyImages grey;
  try {
    grey = parse_grey_asset(file(files, mnist_grey_asset));
  } catch (const DataError& e) {
    throw DataError(std::string(mnist_grey_asset) + ": " + e.what());
  }
  require(grey.pixels == out.memories.pixels, "data.path", d.path,
          "memories of " + std::to_string(grey.pixels) + " pixels (the MNIST digits of D); it has " +
              std::to_string(out.memories.pixels));
  LabelledSplit split;
  try {
    split = balanced_split(grey.labels, d.per_class, d.seed);
  } catch (const InvalidArgument& e) {
    throw InvalidArgument("data.per_class", "data.per_class = " + std::to_string(d.per_class) +
                                                ": must be below the smallest class's digits (" + e.what() + ")");
  }
  const ProbeSpec& p = spec.probe;
  require(p.count <= split.test.size(), "probe.count", p.count,
          "at most the " + std::to_string(split.test.size()) + " digits of D (0: all)");
  if (p.count != 0) split.test.resize(p.count);
  out.states = probe_states(grey, split.test, out.memories.classes);
  out.probes_checksum = checksum(out.states);
  out.clean = out.states;
  if (p.delta > 0) {
    Rng rng(p.seed);
    out.states = flip_bits(out.states, p.delta, rng);
  }
  out.digits = split.test;
  for (const auto k : out.digits) out.labels.push_back(grey.labels[k]);
  const std::size_t width = out.memories.width(), K = out.memories.memories;
  // One update evaluates F twice for each memory and neuron of each state.
  const double work = static_cast<double>(K) * static_cast<double>(width) *
                      static_cast<double>(out.states.size()) * static_cast<double>(p.steps);
  require(work <= static_cast<double>(max_work), "probe.steps", p.steps,
          "such that K × (N + C) × probes × steps stays within 2^40 (lower probe.steps or probe.count)");
  return out;
}

}  // namespace

std::vector<std::string> trained_files(const DataSpec& data) { return {data.path, mnist_grey_asset}; }

Json run_trained_spec(const Spec& spec, const FileBytes& files, const Progress& progress) {
  Prepared prepared = prepare(spec, files);
  const ProbeSpec& p = spec.probe;
  const std::size_t width = prepared.memories.width(), K = prepared.memories.memories;
  PatternSet& states = prepared.states;
  Json record;
  record["spec"] = to_json(spec);
  record["seed"] = spec.data.seed;
  const TrainedNetwork net(std::move(prepared.memories));
  for (std::size_t step = 0; step < p.steps; ++step) {
    report(progress, static_cast<double>(step) / static_cast<double>(p.steps));
    net.synchronous_update(states);
  }
  const double n = static_cast<double>(width);
  std::vector<std::size_t> converged(p.epsilons.size(), 0);
  double cvg_sum = 0;
  for (std::size_t q = 0; q < states.size(); ++q) {
    const double cvg = net.convergence(states, q);
    cvg_sum += cvg / n;
    for (std::size_t e = 0; e < p.epsilons.size(); ++e) converged[e] += cvg >= (1 - p.epsilons[e]) * n;
  }
  report(progress, 1.0);
  record["data"] = {{"memories", K},
                    {"memory_checksum", prepared.memory_checksum},
                    {"N", width},
                    {"count", states.size()},
                    {"checksum", prepared.probes_checksum},
                    {"checksum_of", "FNV-1a 64 of the probe states' packed words (pixels, then one-hot labels)"}};
  record["code_version"] = code_version();
  Json result;
  result["N"] = width;
  result["K"] = K;
  result["probes"] = states.size();
  result["mean_cvg"] = cvg_sum / static_cast<double>(states.size());
  Json dc = Json::object();
  for (std::size_t e = 0; e < p.epsilons.size(); ++e)
    dc[Json(p.epsilons[e]).dump()] = static_cast<double>(converged[e]) / static_cast<double>(states.size());
  result["D_c"] = dc;
  record["result"] = std::move(result);
  return record;
}

TrainedTrajectory trained_trajectory(const Spec& spec, const FileBytes& files, std::size_t index) {
  Prepared prepared = prepare(spec, files);
  require(index < prepared.states.size(), "index", index,
          "below the " + std::to_string(prepared.states.size()) + " probes of the spec");
  TrainedTrajectory out;
  out.pixels = prepared.memories.pixels;
  out.classes = prepared.memories.classes;
  out.item = prepared.digits[index];
  out.label = prepared.labels[index];
  const auto clean = prepared.clean.signs(index);
  out.clean.assign(clean.begin(), clean.end());
  const TrainedNetwork net(std::move(prepared.memories));
  PatternSet state = prepared.states.slice(index, 1);
  const auto record_state = [&] {
    const auto signs = state.signs(0);
    out.states.emplace_back(signs.begin(), signs.end());
    const std::vector<double>& overlaps = out.overlaps.emplace_back(net.overlaps(state, 0));
    std::vector<std::size_t> order =
        largest_by(std::span<const double>(overlaps), trajectory_nearest, [](double x) { return std::abs(x); });
    if (!order.empty() && !out.nearest_weights.count(order[0])) {
      const auto memory = net.memories().memory(order[0]);
      out.nearest_weights[order[0]].assign(memory.begin(), memory.end());
    }
    out.nearest.push_back(std::move(order));
  };
  record_state();
  for (std::size_t step = 0; step < spec.probe.steps; ++step) {
    const std::size_t flipped = net.synchronous_update(state);
    if (flipped == 0) {
      out.converged = true;
      break;
    }
    out.flips.push_back(flipped);
    record_state();
  }
  return out;
}

}  // namespace damlab
