#include "separation_command.hpp"

#include <filesystem>
#include <vector>

#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/kernels/patterns.hpp"
#include "execute.hpp"
#include "file_bytes.hpp"

namespace damlab::cli {

namespace {

Json distance_json(const PairwiseDistance& d) {
  return {{"mean_hd", d.pairs == 0 ? Json(nullptr) : Json(d.mean())},
          {"distance_sum", d.distance_sum},
          {"pairs", d.pairs}};
}

}  // namespace

CLI::App* add_separation_command(CLI::App& app, SeparationOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "separation", "Print the mean pairwise Hamming distance of a spec's data (all patterns, "
                    "and within each class of labelled data), as JSON");
  cmd->add_option("spec", o.spec_path, "Spec file; only its data section is used")->required();
  return cmd;
}

std::string separation_json(const SeparationOptions& o) {
  const auto text = read_file_bytes(o.spec_path, 1 << 24);
  const Spec spec = parse_spec_text(std::string(text.begin(), text.end()));
  const auto base = std::filesystem::path(o.spec_path).parent_path().string();
  const LoadedData data = load_data(spec.data, read_data_file(spec.data, base));
  const PatternSet& set = data.patterns;
  Json out;
  out["spec"] = {{"data", to_json(spec)["data"]}};
  out["data"] = {{"N", set.N()}, {"count", set.size()}, {"checksum", checksum(set)}};
  const Json whole = distance_json(pairwise_distance(set));
  for (const auto& item : whole.items()) out[item.key()] = item.value();
  out["classes"] = Json::array();
  if (!data.labels.empty()) {
    // Pairs of the same class pooled, and the plain average of the classes'
    // means (each class one vote, however many patterns it has).
    PairwiseDistance within;
    double sum_of_means = 0;
    for (int label = 0; label < 256; ++label) {
      std::vector<std::uint64_t> words;
      std::size_t count = 0;
      for (std::size_t p = 0; p < set.size(); ++p) {
        if (data.labels[p] != label) continue;
        const auto row = set.row(p);
        words.insert(words.end(), row.begin(), row.end());
        ++count;
      }
      if (count == 0) continue;
      Json entry = {{"label", label}, {"count", count}};
      const PairwiseDistance d = pairwise_distance(PatternSet::from_words(words, set.N()));
      const Json fields = distance_json(d);
      for (const auto& item : fields.items()) entry[item.key()] = item.value();
      out["classes"].push_back(entry);
      within.distance_sum += d.distance_sum;
      within.pairs += d.pairs;
      if (d.pairs) sum_of_means += d.mean();
    }
    out["within_class"] = distance_json(within);
    out["within_class"]["average_of_class_means"] =
        sum_of_means / static_cast<double>(out["classes"].size());
  }
  return out.dump(2);
}

}  // namespace damlab::cli
