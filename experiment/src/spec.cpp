#include "damlab/experiment/spec.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/models/hebbian.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/data/subsets.hpp"
#include "damlab/util/version.hpp"

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

DataSpec parse_asset_data(const Json& json, DataSpec data) {
  const std::string selection =
      Fields(json, "data", {"source", "S", "selection", "classes", "seed", "target_hd", "band",
                            "max_candidates"})
          .text("selection", std::string("first"));
  std::set<std::string> keys = {"source", "S", "selection", "classes"};
  if (selection == "random" || selection == "greedy") keys.insert("seed");
  if (selection == "greedy") keys.insert({"target_hd", "band", "max_candidates"});
  require(selection == "first" || selection == "random" || selection == "greedy", "data.selection",
          selection, "one of first, random, greedy");
  const Fields f(json, "data", keys);
  data.selection = selection;
  data.path = asset_file_name(data.source);
  data.S = f.integer("S", selection == "first" ? 0 : (selection == "greedy" ? 2 : 1), max_spec_S,
                     selection == "first" ? std::optional<std::uint64_t>(0) : std::nullopt);
  if (f.has("classes")) {
    const auto& classes = f.object("classes");
    // Each point of a sweep copies the spec: long lists would make
    // validation slow, and 256 labels are all there are.
    require(classes.is_array() && classes.size() <= 256, "data.classes", classes.dump(),
            "a list of at most 256 labels in [0, 255]");
    for (const auto& label : classes) {
      require(label.is_number_unsigned() && label.get<std::uint64_t>() <= 255, "data.classes",
              classes.dump(), "a list of labels in [0, 255]");
      data.classes.push_back(static_cast<std::uint8_t>(label.get<std::uint64_t>()));
    }
  }
  data.seed = f.integer("seed", 0, max_seed, 1);
  if (selection == "greedy") {
    data.target_hd = f.real("target_hd");
    require(data.target_hd >= 0 && data.target_hd <= static_cast<double>(max_spec_N), "data.target_hd",
            data.target_hd, "in [0, N]");
    data.band = f.real("band", 1.0);
    require(data.band >= 0 && data.band <= static_cast<double>(max_spec_N), "data.band", data.band,
            "in [0, N]");
    data.max_candidates = f.integer("max_candidates", 1, 1000000, 1000);
  }
  return data;
}

DataSpec parse_data(const Json& json) {
  DataSpec data;
  const std::string source = Fields(json, "data", {"source", "N", "S", "p", "seed", "path",
                                                   "threshold", "first", "selection", "classes",
                                                   "target_hd", "band", "max_candidates"})
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
    require(data.path.size() <= 4096, "data.path", std::to_string(data.path.size()) + " bytes",
            "at most 4096 bytes long");
    data.threshold = static_cast<int>(f.integer("threshold", 0, 255, 128));
    // null is "all items", as the normalized spec in a record writes it.
    if (f.has("first") && !json.at("first").is_null()) data.first = f.integer("first", 1, max_spec_S);
  } else if (source == "mnist" || source == "fashion-mnist") {
    data.source = source == "mnist" ? DataSpec::Source::mnist : DataSpec::Source::fashion_mnist;
    data = parse_asset_data(json, data);
  } else {
    require(false, "data.source", source, "one of rademacher, idx, mnist, fashion-mnist");
  }
  return data;
}

Separation parse_separation(const Json& json, std::set<std::string> keys) {
  const Fields f(json, "model", std::move(keys));
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

// The parameters each registry model reads (models/registry.hpp); any other
// key is an error.
std::set<std::string> model_keys(const std::string& name) {
  std::set<std::string> keys = {"name"};
  for (const ParameterInfo& parameter : model_info(name).parameters) keys.insert(parameter.key);
  return keys;
}

ModelSpec parse_named_model(const Json& json) {
  ModelSpec model;
  model.name = Fields(json, "model", {"name", "F", "n", "beta", "a", "epsilon"}).text("name");
  const ModelInfo& info = model_info(model.name);  // an unknown name lists the known ones
  const Fields f(json, "model", model_keys(model.name));
  if (model.name == "dam") {
    model.F = parse_separation(json, model_keys(model.name));
  } else {
    for (const ParameterInfo& parameter : info.parameters) {
      double& value = parameter.key == "beta" ? model.beta : parameter.key == "a" ? model.a : model.epsilon;
      value = f.real(parameter.key, parameter.default_value);
    }
  }
  model.validate();
  return model;
}

Json named_model_json(const ModelSpec& model) {
  Json out = {{"name", model.name}};
  if (model.name == "dam") {
    out["F"] = model.F.name();
    if (model.F.kind == SeparationKind::exp)
      out["beta"] = model.F.beta;
    else
      out["n"] = model.F.n;
    return out;
  }
  for (const ParameterInfo& parameter : model_info(model.name).parameters)
    out[parameter.key] = parameter.key == "beta" ? model.beta : parameter.key == "a" ? model.a : model.epsilon;
  return out;
}

const std::vector<std::string> measures = {"capacity", "recall", "convergence", "classification",
                                           "retrievability"};

// The probe keys each measure reads; any other key is an error.
std::set<std::string> probe_keys(const std::string& measure) {
  std::set<std::string> keys = {"K", "delta", "steps", "update", "seed"};
  if (measure == "recall" || measure == "classification")
    keys.insert({"count", "occlusion", "occlusion_position", "occlusion_fill"});
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
  require(probe.epsilons.size() <= 100, "probe.epsilons", std::to_string(probe.epsilons.size()) + " values",
          "at most 100 values (one D_c column each)");
  for (double e : probe.epsilons)
    require(e >= 0 && e <= 1, "probe.epsilons", e, "a list of values in [0, 1]");
  probe.trials = f.integer("trials", 1, 100000, 20);
  probe.epsilon = f.real("epsilon", 0.05);
  require(probe.epsilon > 0 && probe.epsilon <= 1, "probe.epsilon", probe.epsilon, "in (0, 1]");
  probe.seed = f.integer("seed", 0, max_seed, 1);
  probe.occlusion.size = f.integer("occlusion", 0, 4096, 0);
  probe.occlusion.position = f.text("occlusion_position", std::string("random"));
  probe.occlusion.fill = f.text("occlusion_fill", std::string("off"));
  probe.occlusion.validate(probe.occlusion.size * probe.occlusion.size);
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
  // Recorded only when used, so records of specs without occlusion keep their form.
  if (probe.occlusion.size > 0) {
    out["occlusion"] = probe.occlusion.size;
    out["occlusion_position"] = probe.occlusion.position;
    out["occlusion_fill"] = probe.occlusion.fill;
  }
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
  if (f.has("model") && f.object("model").is_object() && f.object("model").contains("name"))
    spec.named = parse_named_model(f.object("model"));
  else
    spec.model = f.has("model") ? parse_separation(f.object("model"), {"F", "n", "beta"})
                                : Separation::rectpoly(3);
  if (spec.data.source == DataSpec::Source::rademacher) check_budget(spec, spec.data.N, spec.data.S);
  return spec;
}

Json parse_json_text(const std::string& text) {
  // Copying, printing and comparing JSON values recurse once per level, so a
  // file of a million '[' would overflow the stack: refuse deep nesting
  // before parsing (specs need 4 levels).
  constexpr int max_depth = 64;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char ch : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (ch == '\\')
        escaped = true;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > max_depth)
        throw InvalidArgument("spec", "spec: JSON nested more than " + std::to_string(max_depth) +
                                          " levels deep (the limit)");
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {  // parse_error, and out_of_range for 1e400
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
  } else if (d.source == DataSpec::Source::idx) {
    out["data"] = {{"source", "idx"}, {"path", d.path}, {"threshold", d.threshold},
                   {"first", d.first ? Json(*d.first) : Json(nullptr)}};
  } else {
    Json data = {{"source", d.source == DataSpec::Source::mnist ? "mnist" : "fashion-mnist"},
                 {"S", d.S}, {"selection", d.selection}, {"classes", d.classes}};
    if (d.selection != "first") data["seed"] = d.seed;
    if (d.selection == "greedy") {
      data["target_hd"] = d.target_hd;
      data["band"] = d.band;
      data["max_candidates"] = d.max_candidates;
    }
    out["data"] = data;
  }
  if (!spec.named.name.empty())
    out["model"] = named_model_json(spec.named);
  else if (spec.model.kind == SeparationKind::exp)
    out["model"] = {{"F", "exp"}, {"beta", spec.model.beta}};
  else
    out["model"] = {{"F", spec.model.name()}, {"n", spec.model.n}};
  if (spec.measure != "capacity") out["probe"] = probe_json(spec.probe, spec.measure);
  return out;
}

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
double probe_count(const ProbeSpec& p, const std::string& measure, std::size_t K, std::size_t S) {
  const double stored = static_cast<double>(p.count == 0 ? K : std::min(p.count, K));
  const double held_out = static_cast<double>(p.count == 0 ? S - K : std::min(p.count, S - K));
  if (measure == "retrievability") return static_cast<double>(K) * static_cast<double>(p.trials);
  if (measure == "classification") return stored + held_out;
  if (measure == "convergence" && p.probes == "held_out") return held_out;
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
  const std::string& model = spec.named.name;
  const bool hebbian = model.rfind("hopfield-", 0) == 0;
  require(!hebbian || N <= max_hebbian_N, "data.N", N,
          "at most " + std::to_string(max_hebbian_N) + " for " + model + " (an N × N weight matrix)");
  const double limit = static_cast<double>(max_work);
  if (spec.measure == "capacity" && !model.empty() && model != "dam" && model != "lse") {
    const double work = hebbian ? s * s * n * n : s * s * s * n / 3;
    if (work > limit)
      over_budget(data, N, S,
                  "model " + model + " checks every K up to S, about " +
                      (hebbian ? "S² × N²" : "S³ × N / 3") + " = " + rounded(work) + " operations",
                  "2^40 = " + rounded(limit),
                  static_cast<std::uint64_t>(hebbian ? std::sqrt(limit) / n : std::cbrt(3 * limit / n)));
  }
  if (spec.measure == "capacity") {
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
        "probe", "probe: measure = " + spec.measure +
                     (hebbian ? " with " + model + " takes (K + probes × steps) × N² = (" +
                                    std::to_string(K) + " + " + rounded(probes) + " × " +
                                    rounded(steps) + ") × " + std::to_string(N) + "²"
                              : " takes K × probes × N × steps = " + std::to_string(K) + " × " +
                                    rounded(probes) + " × " + std::to_string(N) + " × " +
                                    rounded(steps)) +
                     " = " + rounded(work) +
                     " bit updates, above the limit of 2^40 = " +
                     rounded(static_cast<double>(max_work)) + "; lower probe.K, " +
                     (spec.measure == "retrievability" ? "probe.trials" : "probe.count") +
                     " or probe.steps");
}

std::string asset_file_name(DataSpec::Source source) {
  return source == DataSpec::Source::mnist ? "mnist-10k.bin" : "fashion-mnist.bin";
}

namespace {

LoadedData load_asset(const DataSpec& data, std::span<const std::uint8_t> file_bytes) {
  LabeledPatterns pool = parse_packed_asset(file_bytes);
  for (std::uint8_t label : data.classes)
    require(std::find(pool.labels.begin(), pool.labels.end(), label) != pool.labels.end(),
            "data.classes", static_cast<int>(label), "labels present in " + data.path);
  std::vector<std::uint32_t> indices;
  LoadedData out;
  if (data.selection == "first") {
    for (std::uint32_t k = 0; k < pool.labels.size(); ++k)
      if (data.classes.empty() ||
          std::find(data.classes.begin(), data.classes.end(), pool.labels[k]) != data.classes.end())
        indices.push_back(k);
    require(data.S <= indices.size(), "data.S", data.S,
            "at most the " + std::to_string(indices.size()) + " patterns of the chosen classes");
    if (data.S != 0) indices.resize(data.S);
  } else if (data.selection == "random") {
    indices = subset_by_class(pool.labels, data.classes, data.S, data.seed);
  } else {
    GreedySubsetOptions options;
    options.size = data.S;
    options.target_hd = data.target_hd;
    options.band = data.band;
    options.max_candidates = data.max_candidates;
    options.classes = data.classes;
    options.seed = data.seed;
    const GreedySubset subset = greedy_subset(pool.patterns, pool.labels, options);
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

LoadedData load_data(const DataSpec& data, std::span<const std::uint8_t> file_bytes) {
  LoadedData out;
  if (data.is_asset()) return load_asset(data, file_bytes);
  if (data.source == DataSpec::Source::rademacher) {
    out.patterns = rademacher(data.N, data.S, data.p, data.seed);
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
