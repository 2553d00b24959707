#include "damlab/experiment/data_source.hpp"

#include <algorithm>

#include "damlab/data/idx.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/data/subsets.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace damlab {

std::string asset_file_name(DataSpec::Source source) {
  return source == DataSpec::Source::mnist ? "mnist-10k.bin" : "fashion-mnist.bin";
}

namespace {

LoadedData load_asset(const DataSpec& data, std::span<const std::uint8_t> file_bytes,
                      const Progress& progress) {
  LabeledPatterns pool = parse_packed_asset(file_bytes);
  for (std::uint8_t label : data.classes)
    require(std::find(pool.labels.begin(), pool.labels.end(), label) != pool.labels.end(),
            "data.classes", static_cast<int>(label), "labels present in " + data.path);
  const auto chosen = [&](std::uint8_t label) {
    return data.classes.empty() ||
           std::find(data.classes.begin(), data.classes.end(), label) != data.classes.end();
  };
  // S is checked here, where its name is known (the core's subset functions
  // call it "size").
  const auto eligible = static_cast<std::size_t>(std::count_if(pool.labels.begin(), pool.labels.end(), chosen));
  require(data.S <= eligible, "data.S", data.S,
          "at most the " + std::to_string(eligible) + " patterns of the chosen classes");
  std::vector<std::uint32_t> indices;
  LoadedData out;
  if (data.selection == DataSpec::Selection::first) {
    const std::size_t count = data.S == 0 ? eligible : data.S;  // S = 0: every chosen pattern
    for (std::uint32_t k = 0; k < pool.labels.size() && indices.size() < count; ++k)
      if (chosen(pool.labels[k])) indices.push_back(k);
  } else if (data.selection == DataSpec::Selection::random) {
    indices = subset_by_class(pool.labels, data.classes, data.S, data.seed);
  } else {
    // Budgeted before it runs: the distances grow as eligible × S × N.
    check_selection_budget(data, pool.patterns.N(), eligible);
    GreedySubsetOptions options;
    options.size = data.S;
    options.target_hd = data.target_hd;
    options.rule = data.rule;
    options.band = data.band;
    options.max_candidates = data.max_candidates;
    options.classes = data.classes;
    options.seed = data.seed;
    const GreedySubset subset = greedy_subset(pool.patterns, pool.labels, options, progress);
    indices = subset.indices;
    out.notes["greedy"] = {{"reached_hd", subset.distance.mean()},
                           {"candidates", subset.candidates},
                           {"attempts", subset.attempts},
                           {"capped", subset.capped.size()}};
  }
  out.patterns = select_patterns(pool.patterns, indices);
  for (std::uint32_t k : indices) out.labels.push_back(pool.labels[k]);
  return out;
}

}  // namespace

LoadedData load_data(const DataSpec& data, std::span<const std::uint8_t> file_bytes,
                     const Progress& progress) {
  LoadedData out;
  if (data.is_asset()) return load_asset(data, file_bytes, progress);
  if (data.source == DataSpec::Source::rademacher) {
    out.patterns = rademacher(data.N, data.S, data.p, data.seed, progress);
    return out;
  }
  PatternSet set = idx_patterns(parse_idx(file_bytes), static_cast<std::uint8_t>(data.threshold));
  require(set.size() >= 1, "data.path", data.path, "a file with at least 1 item");
  if (data.first) {
    require(*data.first <= set.size(), "data.first", *data.first,
            "at most the " + std::to_string(set.size()) + " items in the file");
    set = set.slice(0, *data.first);
  }
  out.patterns = std::move(set);
  return out;
}

std::string checksum(const PatternSet& set) {
  Fnv1a64 hash;
  for (const std::uint64_t word : set.all_words()) hash.add_le64(word);
  return hex64(hash.value);
}

}  // namespace damlab
