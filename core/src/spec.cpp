#include "damlab/spec.hpp"

#include <algorithm>
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

  std::vector<double> reals(const std::string& key, std::vector<double> fallback) const {
    if (!has(key)) return fallback;
    const auto& v = json_.at(key);
    require(v.is_array() && !v.empty(), name(key), v.dump(), "a non-empty list of numbers");
    std::vector<double> out;
    for (const auto& item : v) {
      require(item.is_number(), name(key), v.dump(), "a non-empty list of numbers");
      out.push_back(item.get<double>());
    }
    return out;
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

const std::vector<std::string> measures = {"capacity", "recall", "convergence", "classification",
                                           "retrievability"};

// The probe keys each measure reads; any other key is an error.
std::set<std::string> probe_keys(const std::string& measure) {
  std::set<std::string> keys = {"K", "delta", "steps", "update", "seed"};
  if (measure == "recall" || measure == "classification") keys.insert("count");
  if (measure == "convergence") keys.insert({"probes", "count", "epsilons"});
  if (measure == "retrievability") keys.insert({"trials", "epsilon"});
  return keys;
}

ProbeSpec parse_probe(const Json& json, const std::string& measure) {
  const Fields f(json, "probe", probe_keys(measure));
  ProbeSpec probe;
  const std::uint64_t limit = max_spec_S;
  probe.K = f.integer("K", 0, limit, 0);
  if (f.has("probes")) probe.probes = f.text("probes");
  require(probe.probes == "stored" || probe.probes == "held_out", "probe.probes", probe.probes,
          "stored or held_out");
  probe.count = f.integer("count", 0, limit, 0);
  probe.delta = f.real("delta", 0.0);
  require(probe.delta >= 0 && probe.delta <= 1, "probe.delta", probe.delta, "in [0, 1]");
  probe.steps = f.integer("steps", 0, 1000, 1);
  probe.update = f.text("update", std::string("sync"));
  require(probe.update == "sync" || probe.update == "async", "probe.update", probe.update,
          "sync or async");
  probe.epsilons = f.reals("epsilons", probe.epsilons);
  for (double e : probe.epsilons)
    require(e >= 0 && e <= 1, "probe.epsilons", e, "a list of values in [0, 1]");
  probe.trials = f.integer("trials", 1, 100000, 20);
  probe.epsilon = f.real("epsilon", 0.05);
  require(probe.epsilon > 0 && probe.epsilon <= 1, "probe.epsilon", probe.epsilon, "in (0, 1]");
  probe.seed = f.integer("seed", 0, max_seed, 1);
  return probe;
}

Json probe_json(const ProbeSpec& probe, const std::string& measure) {
  const auto keys = probe_keys(measure);
  Json out;
  out["K"] = probe.K;
  if (keys.count("probes")) out["probes"] = probe.probes;
  if (keys.count("count")) out["count"] = probe.count;
  out["delta"] = probe.delta;
  out["steps"] = probe.steps;
  out["update"] = probe.update;
  if (keys.count("epsilons")) out["epsilons"] = probe.epsilons;
  if (keys.count("trials")) out["trials"] = probe.trials;
  if (keys.count("epsilon")) out["epsilon"] = probe.epsilon;
  out["seed"] = probe.seed;
  return out;
}

}  // namespace

Spec parse_spec(const Json& json) {
  const Fields f(json, "", {"measure", "data", "model", "probe"});
  Spec spec;
  spec.measure = f.text("measure", std::string("capacity"));
  require(std::find(measures.begin(), measures.end(), spec.measure) != measures.end(), "measure",
          spec.measure, "one of capacity, recall, convergence, classification, retrievability");
  if (spec.measure == "capacity")
    require(!f.has("probe"), "probe", "present", "absent for measure = capacity");
  else
    spec.probe = parse_probe(f.has("probe") ? f.object("probe") : Json::object(), spec.measure);
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
  if (spec.measure != "capacity") out["probe"] = probe_json(spec.probe, spec.measure);
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

}  // namespace damlab
