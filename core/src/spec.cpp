#include "damlab/spec.hpp"

#include <cmath>
#include <cstdio>
#include <set>

#include "damlab/datasets.hpp"
#include "damlab/error.hpp"
#include "damlab/idx.hpp"
#include "damlab/version.hpp"

namespace damlab {

namespace {

// Reads typed fields of one JSON object, naming each by its path.
class Fields {
 public:
  Fields(const Json& json, std::string path, std::set<std::string> allowed)
      : json_(json), path_(std::move(path)) {
    require(json.is_object(), path_.empty() ? "spec" : path_, json.dump(),
            "a JSON object");
    for (const auto& item : json.items())
      require(allowed.count(item.key()) > 0, name(item.key()), "present",
              "one of the known keys of " + (path_.empty() ? "a spec" : path_));
  }

  bool has(const std::string& key) const { return json_.contains(key); }

  std::string text(const std::string& key, std::optional<std::string> fallback = {}) const {
    if (!has(key)) return required(key, fallback);
    const auto& v = json_.at(key);
    require(v.is_string(), name(key), v.dump(), "a string");
    return v.get<std::string>();
  }

  double real(const std::string& key, std::optional<double> fallback = {}) const {
    if (!has(key)) return required(key, fallback);
    const auto& v = json_.at(key);
    require(v.is_number(), name(key), v.dump(), "a number");
    return v.get<double>();
  }

  std::uint64_t integer(const std::string& key, std::uint64_t low, std::uint64_t high,
                        std::optional<std::uint64_t> fallback = {}) const {
    if (!has(key)) return required(key, fallback);
    const auto& v = json_.at(key);
    const std::string range = "an integer in [" + std::to_string(low) + ", " +
                              std::to_string(high) + "]";
    // Integers may arrive as signed, unsigned or whole floating-point numbers.
    const bool whole = v.is_number_integer() ? v.get<std::int64_t>() >= 0 || v.is_number_unsigned()
                       : v.is_number_float() && v.get<double>() >= 0 &&
                             std::floor(v.get<double>()) == v.get<double>() &&
                             v.get<double>() < 0x1p64;
    require(whole, name(key), v.dump(), range);
    const auto value = v.is_number_float() ? static_cast<std::uint64_t>(v.get<double>())
                                           : v.get<std::uint64_t>();
    require(value >= low && value <= high, name(key), v.dump(), range);
    return value;
  }

  const Json& object(const std::string& key) const {
    require(has(key), name(key), "missing", "present");
    return json_.at(key);
  }

  std::string name(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

 private:
  template <typename T>
  T required(const std::string& key, const std::optional<T>& fallback) const {
    require(fallback.has_value(), name(key), "missing", "present");
    return *fallback;
  }

  const Json& json_;
  std::string path_;
};

DataSpec parse_data(const Json& json) {
  DataSpec data;
  const std::string source = Fields(json, "data", {"source", "N", "S", "p", "seed", "path",
                                                   "threshold", "first"})
                                 .text("source");
  if (source == "rademacher") {
    const Fields f(json, "data", {"source", "N", "S", "p", "seed"});
    data.source = DataSpec::Source::rademacher;
    data.N = f.integer("N", 1, max_spec_N);
    data.S = f.integer("S", 1, max_spec_S);
    data.p = f.real("p");
    require(data.p >= 0 && data.p <= 1, "data.p", data.p, "in [0, 1]");
    data.seed = f.integer("seed", 0, max_seed, 1);
  } else if (source == "idx") {
    const Fields f(json, "data", {"source", "path", "threshold", "first"});
    data.source = DataSpec::Source::idx;
    data.path = f.text("path");
    data.threshold = static_cast<int>(f.integer("threshold", 0, 255, 128));
    if (f.has("first")) data.first = f.integer("first", 1, max_spec_S);
  } else {
    require(false, "data.source", source, "one of rademacher, idx");
  }
  return data;
}

Separation parse_model(const Json& json) {
  const Fields f(json, "model", {"F", "n", "beta"});
  const std::string kind = f.text("F", std::string("rectpoly"));
  require(kind == "poly" || kind == "rectpoly" || kind == "exp", "model.F", kind,
          "one of poly, rectpoly, exp");
  if (kind == "exp") {
    require(!f.has("n"), "model.n", "present", "absent for F = exp (it takes beta)");
    const double beta = f.real("beta", 1.0);
    require(beta > 0 && beta <= Separation::max_beta, "model.beta", beta,
            "in (0, " + std::to_string(static_cast<int>(Separation::max_beta)) + "]");
    return Separation::exponential(beta);
  }
  require(!f.has("beta"), "model.beta", "present", "absent for F = " + kind + " (it takes n)");
  const auto n = static_cast<int>(f.integer("n", 1, Separation::max_degree, 3));
  return Separation::from_name(kind, n, 0);
}

Json estimate_json(const CapacityEstimate& estimate) {
  const auto& hd = estimate.separation;
  Json out;
  out["kmax"] = estimate.kmax;
  out["censored"] = estimate.censored;
  out["mean_hd"] = hd.pairs == 0 ? Json(nullptr) : Json(hd.mean());  // NaN is not JSON
  out["hd_sum"] = hd.distance_sum;
  out["pairs"] = hd.pairs;
  return out;
}

}  // namespace

Spec parse_spec(const Json& json) {
  const Fields f(json, "", {"measure", "data", "model"});
  Spec spec;
  spec.measure = f.text("measure", std::string("capacity"));
  require(spec.measure == "capacity", "measure", spec.measure, "capacity");
  spec.data = parse_data(f.object("data"));
  spec.model = f.has("model") ? parse_model(f.object("model")) : Separation::rectpoly(3);
  return spec;
}

Json parse_json_text(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw InvalidArgument("spec", std::string("spec: not valid JSON: ") + e.what());
  }
}

Spec parse_spec_text(const std::string& text) { return parse_spec(parse_json_text(text)); }

Json to_json(const Spec& spec) {
  Json out;
  out["measure"] = spec.measure;
  const DataSpec& d = spec.data;
  if (d.source == DataSpec::Source::rademacher) {
    out["data"] = {{"source", "rademacher"}, {"N", d.N}, {"S", d.S}, {"p", d.p}, {"seed", d.seed}};
  } else {
    out["data"] = {{"source", "idx"}, {"path", d.path}, {"threshold", d.threshold},
                   {"first", d.first ? Json(*d.first) : Json(nullptr)}};
  }
  if (spec.model.kind == SeparationKind::exp)
    out["model"] = {{"F", "exp"}, {"beta", spec.model.beta}};
  else
    out["model"] = {{"F", spec.model.name()}, {"n", spec.model.n}};
  return out;
}

PatternSet load_patterns(const DataSpec& data, std::span<const std::uint8_t> file_bytes) {
  if (data.source == DataSpec::Source::rademacher)
    return rademacher(data.N, data.S, data.p, data.seed);
  PatternSet set = idx_patterns(parse_idx(file_bytes), static_cast<std::uint8_t>(data.threshold));
  require(set.size() >= 1, "data.path", data.path, "a file with at least 1 item");
  if (!data.first) return set;
  require(*data.first <= set.size(), "data.first", *data.first,
          "at most the " + std::to_string(set.size()) + " items in the file");
  return set.slice(0, *data.first);
}

std::string checksum(const PatternSet& set) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const std::uint64_t word : set.all_words())
    for (int byte = 0; byte < 8; ++byte) {
      hash ^= (word >> (8 * byte)) & 0xFF;
      hash *= 0x100000001b3ULL;
    }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

Json capacity_json(const CapacityResult& result) {
  Json out;
  out["N"] = result.N;
  out["S"] = result.S;
  out["exact"] = estimate_json(result.exact);
  Json binary = estimate_json(result.binary);
  binary["evaluations"] = result.binary_evaluations;
  out["binary"] = binary;
  out["monotone"] = result.profile.monotone();
  // One character per K = 1..S: '1' when the first K are retrieved.
  std::string profile;
  for (const auto retrieved : result.profile.retrieved) profile += retrieved ? '1' : '0';
  out["profile"] = profile;
  return out;
}

Json run_spec(const Spec& spec, std::span<const std::uint8_t> file_bytes,
              const Progress& progress) {
  const PatternSet set = load_patterns(spec.data, file_bytes);
  Json record;
  record["spec"] = to_json(spec);
  record["seed"] = spec.data.source == DataSpec::Source::rademacher ? Json(spec.data.seed) : Json(nullptr);
  record["data"] = {{"N", set.N()}, {"count", set.size()}, {"checksum", checksum(set)},
                    {"checksum_of", "FNV-1a 64 of the packed pattern words, 8 little-endian bytes each"}};
  record["code_version"] = code_version();
  record["result"] = capacity_json(capacity(set, spec.model, progress));
  return record;
}

}  // namespace damlab
