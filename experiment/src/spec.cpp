#include "damlab/experiment/spec.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/choices.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

namespace {

DataSpec parse_asset_data(const Json& json, DataSpec data) {
  using Selection = DataSpec::Selection;
  const Selection selection = parse_choice<Selection>(
      "data.selection", Fields(json, "data", {"source", "S", "selection", "classes", "seed",
                                              "target_hd", "rule", "band", "max_candidates"})
                            .text("selection", std::string("first")));
  std::set<std::string> keys = {"source", "S", "selection", "classes"};
  if (selection != Selection::first) keys.insert("seed");
  SubsetRule rule = SubsetRule::band;
  if (selection == Selection::greedy) {
    keys.insert({"target_hd", "rule", "max_candidates"});
    std::set<std::string> with_band = keys;
    with_band.insert("band");
    rule = parse_choice<SubsetRule>("data.rule",
                                    Fields(json, "data", with_band).text("rule", "band"));
    // Only the band rule has a band: one given to the strict rule is an
    // error, not silently ignored.
    require(rule == SubsetRule::band || !json.contains("band"), "data.band", "present",
            "absent under data.rule = strict (only the band rule has a band)");
    if (rule == SubsetRule::band) keys.insert("band");
  }
  const Fields f(json, "data", keys);
  data.rule = rule;
  data.selection = selection;
  data.path = asset_file_name(data.source);
  data.S = f.integer("S", selection == Selection::first ? 0 : (selection == Selection::greedy ? 2 : 1),
                     max_spec_S,
                     selection == Selection::first ? std::optional<std::uint64_t>(0) : std::nullopt);
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
  if (selection == Selection::greedy) {
    data.target_hd = f.real("target_hd");
    require(data.target_hd >= 0 && data.target_hd <= static_cast<double>(max_spec_N), "data.target_hd",
            data.target_hd, "in [0, N]");
    if (rule == SubsetRule::band) {
      data.band = f.real("band", 1.0);
      require(data.band >= 0 && data.band <= static_cast<double>(max_spec_N), "data.band",
              data.band, "in [0, N]");
    }
    data.max_candidates = f.integer("max_candidates", 1, 1000000, 1000);
  }
  return data;
}

DataSpec parse_data(const Json& json) {
  DataSpec data;
  const std::string source = Fields(json, "data", {"source", "N", "S", "p", "seed", "path",
                                                   "threshold", "first", "selection", "classes",
                                                   "target_hd", "rule", "band", "max_candidates",
                                                   "per_class"})
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
    require(!data.path.empty() && data.path.size() <= 4096, "data.path",
            std::to_string(data.path.size()) + " bytes", "a file path of 1 to 4096 bytes");
    data.threshold = static_cast<int>(f.integer("threshold", 0, 255, 128));
    // null is "all items", as the normalized spec in a record writes it.
    if (f.has("first") && !json.at("first").is_null()) data.first = f.integer("first", 1, max_spec_S);
  } else if (source == "mnist" || source == "fashion-mnist") {
    data.source = source == "mnist" ? DataSpec::Source::mnist : DataSpec::Source::fashion_mnist;
    data = parse_asset_data(json, data);
  } else if (source == "trained") {
    const Fields f(json, "data", {"source", "path", "per_class", "seed"});
    data.source = DataSpec::Source::trained;
    data.path = f.text("path");
    require(!data.path.empty() && data.path.size() <= 4096, "data.path",
            std::to_string(data.path.size()) + " bytes", "a file path of 1 to 4096 bytes");
    data.per_class = f.integer("per_class", 1, 10000, 100);
    data.seed = f.integer("seed", 0, max_seed, 1);
  } else {
    fail_field("data.source", source, "one of rademacher, idx, mnist, fashion-mnist, trained");
  }
  return data;
}

// The DAM's parameter of a key in the registry (F, n, beta).
const ParameterInfo& dam_parameter(const std::string& key) {
  for (const ParameterInfo& parameter : model_info("dam").parameters)
    if (parameter.key == key) return parameter;
  throw std::logic_error("the registry's dam has no parameter " + key);
}

// The DAM's F with n or β (registry entry "dam": choices, ranges, defaults).
Separation parse_separation(const Fields& f) {
  const ParameterInfo& F = dam_parameter("F");
  const std::string kind = f.text("F", F.default_choice);
  require(std::find(F.choices.begin(), F.choices.end(), kind) != F.choices.end(), "model.F", kind,
          F.range_text());
  if (kind == "exp") {
    require(!f.has("n"), "model.n", "present", "absent for F = exp (it takes beta)");
    const ParameterInfo& beta = dam_parameter("beta");
    const double value = f.real("beta", beta.default_value);
    require(beta.in_range(value), "model.beta", value, beta.range_text());
    return Separation::exponential(value);
  }
  require(!f.has("beta"), "model.beta", "present", "absent for F = " + kind + " (it takes n)");
  const ParameterInfo& n = dam_parameter("n");
  const auto degree = static_cast<int>(f.integer("n", static_cast<std::uint64_t>(n.min),
                                                 static_cast<std::uint64_t>(n.max),
                                                 static_cast<std::uint64_t>(n.default_value)));
  return Separation::from_name(kind, degree, 0);
}

// The keys a model section may have: "name" and the parameters the registry
// lists for the model (models/registry.hpp), or the DAM's F, n and β alone
// in the short form. Any other key is an error.
std::set<std::string> model_keys(const ModelSpec& model) {
  std::set<std::string> keys;
  if (!model.short_form) keys.insert("name");
  for (const ParameterInfo& parameter : model_info(model.name).parameters) keys.insert(parameter.key);
  return keys;
}

}  // namespace

ModelSpec parse_model(const Json& json) {
  ModelSpec model;
  model.short_form = !(json.is_object() && json.contains("name"));
  if (!model.short_form) {
    model.name = Fields(json, "model", {"name", "F", "n", "beta", "a", "epsilon"}).text("name");
    model_info(model.name);  // an unknown name lists the known ones
  }
  const Fields f(json, "model", model_keys(model));
  if (model.name == "dam")
    model.F = parse_separation(f);
  else
    for (const ParameterInfo& parameter : model_info(model.name).parameters)
      model.parameter(parameter.key) = f.real(parameter.key, parameter.default_value);
  model.validate();
  return model;
}

namespace {

// The model section as parsed (the short form without "name").
Json model_json(const ModelSpec& model) {
  Json out = Json::object();
  if (!model.short_form) out["name"] = model.name;
  if (model.name == "dam") {
    out["F"] = model.F.name();
    if (model.F.kind == SeparationKind::exp)
      out["beta"] = model.F.beta;
    else
      out["n"] = model.F.n;
    return out;
  }
  for (const ParameterInfo& parameter : model_info(model.name).parameters)
    out[parameter.key] = model.parameter(parameter.key);
  return out;
}

// The probe keys each measure reads; any other key is an error.
std::set<std::string> probe_keys(Measure measure) {
  std::set<std::string> keys = {"K", "delta", "steps", "update", "seed"};
  if (measure == Measure::recall || measure == Measure::classification)
    keys.insert({"count", "occlusion", "occlusion_position", "occlusion_fill"});
  if (measure == Measure::convergence) keys.insert({"probes", "count", "epsilons"});
  if (measure == Measure::retrievability) keys.insert({"trials", "epsilon"});
  if (measure == Measure::trajectory) keys.insert({"memory", "occlusion_position", "clamp"});
  return keys;
}

// The trajectory's occlusion: none, or half the image side at a fixed
// position (a random one could not be clamped: its place is drawn later).
std::optional<OcclusionPosition> parse_half_occlusion(const std::string& text) {
  std::vector<const char*> names = {"none"};
  if (text == "none") return std::nullopt;
  for (const auto& entry : choice_names(OcclusionPosition{})) {
    if (entry.value == OcclusionPosition::random) continue;
    if (text == entry.name) return entry.value;
    names.push_back(entry.name);
  }
  fail_field("probe.occlusion_position", text, allowed_names(names));
}

// The probe section of measure = trajectory: one probe, step by step.
void parse_trajectory_probe(const Fields& f, ProbeSpec& probe) {
  probe.memory = f.integer("memory", 0, max_spec_S - 1, 0);
  require(probe.K == 0 || probe.memory < probe.K, "probe.memory", probe.memory,
          "below probe.K = " + std::to_string(probe.K) + " (an index into the memories)");
  probe.half_occlusion = parse_half_occlusion(f.text("occlusion_position", std::string("none")));
  probe.clamp = f.boolean("clamp", false);
  require(!probe.clamp || probe.half_occlusion.has_value(), "probe.clamp", "true",
          "false for probe.occlusion_position = none (every pixel would be clamped)");
}

ProbeSpec parse_probe(const Json& json, Measure measure) {
  const Fields f(json, "probe", probe_keys(measure));
  ProbeSpec probe;
  const std::uint64_t limit = max_spec_S;
  probe.K = f.integer("K", 0, limit, 0);
  if (f.has("probes")) probe.probes = parse_choice<ProbeSpec::Probes>("probe.probes", f.text("probes"));
  probe.count = f.integer("count", 0, limit, 0);
  probe.delta = f.real("delta", 0.0);
  require(probe.delta >= 0 && probe.delta <= 1, "probe.delta", probe.delta, "in [0, 1]");
  // A trajectory's states are the probe and one per step: at least one step.
  probe.steps = f.integer("steps", measure == Measure::trajectory ? 1 : 0, 1000, 1);
  probe.update = parse_choice<UpdateMode>("probe.update", f.text("update", std::string("sync")));
  probe.epsilons = f.reals("epsilons", probe.epsilons);
  require(probe.epsilons.size() <= 100, "probe.epsilons", std::to_string(probe.epsilons.size()) + " values",
          "at most 100 values (one D_c column each)");
  for (double e : probe.epsilons)
    require(e >= 0 && e <= 1, "probe.epsilons", e, "a list of values in [0, 1]");
  probe.trials = f.integer("trials", 1, 100000, 20);
  probe.epsilon = f.real("epsilon", 0.05);
  require(probe.epsilon > 0 && probe.epsilon <= 1, "probe.epsilon", probe.epsilon, "in (0, 1]");
  probe.seed = f.integer("seed", 0, max_seed, 1);
  if (measure == Measure::trajectory) {
    parse_trajectory_probe(f, probe);
    return probe;
  }
  probe.occlusion.size = f.integer("occlusion", 0, 4096, 0);
  probe.occlusion.position = parse_choice<OcclusionPosition>(
      "probe.occlusion_position", f.text("occlusion_position", std::string("random")));
  probe.occlusion.fill =
      parse_choice<OcclusionFill>("probe.occlusion_fill", f.text("occlusion_fill", std::string("off")));
  probe.occlusion.validate(probe.occlusion.size * probe.occlusion.size);
  return probe;
}

Json probe_json(const ProbeSpec& probe, Measure measure) {
  const auto keys = probe_keys(measure);
  Json out;
  out["K"] = probe.K;
  if (keys.count("probes")) out["probes"] = choice_name(probe.probes);
  if (keys.count("count")) out["count"] = probe.count;
  out["delta"] = probe.delta;
  out["steps"] = probe.steps;
  out["update"] = choice_name(probe.update);
  if (keys.count("epsilons")) out["epsilons"] = probe.epsilons;
  if (keys.count("trials")) out["trials"] = probe.trials;
  if (keys.count("epsilon")) out["epsilon"] = probe.epsilon;
  out["seed"] = probe.seed;
  if (measure == Measure::trajectory) {
    out["memory"] = probe.memory;
    out["occlusion_position"] = probe.half_occlusion ? choice_name(*probe.half_occlusion) : "none";
    out["clamp"] = probe.clamp;
  }
  // Recorded only when used, so records of specs without occlusion keep their form.
  if (probe.occlusion.size > 0) {
    out["occlusion"] = probe.occlusion.size;
    out["occlusion_position"] = choice_name(probe.occlusion.position);
    out["occlusion_fill"] = choice_name(probe.occlusion.fill);
  }
  return out;
}

}  // namespace

Spec parse_spec(const Json& json) {
  const Fields f(json, "", {"measure", "data", "model", "probe", "train"});
  Spec spec;
  spec.measure = parse_choice<Measure>("measure", f.text("measure", std::string("capacity")));
  if (spec.measure == Measure::train) {
    require(!f.has("probe"), "probe", "present", "absent for measure = train");
    spec.labelled = parse_labelled_data(f.object("data"));
    spec.training = parse_training(f.has("train") ? f.object("train") : Json::object(),
                                   parse_training_f(f.has("model") ? f.object("model") : Json::object()));
    return spec;
  }
  require(!f.has("train"), "train", "present", "absent unless measure = train");
  if (spec.measure == Measure::capacity)
    require(!f.has("probe"), "probe", "present", "absent for measure = capacity");
  else
    spec.probe = parse_probe(f.has("probe") ? f.object("probe") : Json::object(), spec.measure);
  spec.data = parse_data(f.object("data"));
  if (spec.data.source == DataSpec::Source::trained) {
    // The memories and their F come from the file; D is the probe set.
    require(spec.measure == Measure::convergence, "measure", choice_name(spec.measure),
            "convergence for data.source = trained");
    require(!f.has("model"), "model", "present", "absent for data.source = trained (the memory file has F)");
    const ProbeSpec& p = spec.probe;
    require(p.K == 0, "probe.K", p.K, "0 for data.source = trained (all memories of the file)");
    require(p.probes == ProbeSpec::Probes::stored, "probe.probes", choice_name(p.probes),
            "stored for data.source = trained (the probes are the digits of D)");
    require(p.update == UpdateMode::synchronous, "probe.update", choice_name(p.update),
            "sync for data.source = trained");
    return spec;
  }
  if (f.has("model")) spec.model = parse_model(f.object("model"));
  if (spec.data.source == DataSpec::Source::rademacher) check_budget(spec, spec.data.N, spec.data.S);
  return spec;
}

Spec parse_spec_text(const std::string& text) { return parse_spec(parse_json_text(text)); }

Json to_json(const Spec& spec) {
  Json out;
  out["measure"] = choice_name(spec.measure);
  if (spec.measure == Measure::train) {
    out["data"] = labelled_data_json(spec.labelled);
    out["model"] = training_f_json(spec.training.f);
    out["train"] = training_json(spec.training);
    return out;
  }
  const DataSpec& d = spec.data;
  if (d.source == DataSpec::Source::rademacher) {
    out["data"] = {{"source", "rademacher"}, {"N", d.N}, {"S", d.S}, {"p", d.p}, {"seed", d.seed}};
  } else if (d.source == DataSpec::Source::trained) {
    out["data"] = {{"source", "trained"}, {"path", d.path}, {"per_class", d.per_class}, {"seed", d.seed}};
    out["probe"] = probe_json(spec.probe, spec.measure);
    return out;
  } else if (d.source == DataSpec::Source::idx) {
    out["data"] = {{"source", "idx"}, {"path", d.path}, {"threshold", d.threshold},
                   {"first", d.first ? Json(*d.first) : Json(nullptr)}};
  } else {
    Json data = {{"source", d.source == DataSpec::Source::mnist ? "mnist" : "fashion-mnist"},
                 {"S", d.S}, {"selection", choice_name(d.selection)}, {"classes", d.classes}};
    if (d.selection != DataSpec::Selection::first) data["seed"] = d.seed;
    if (d.selection == DataSpec::Selection::greedy) {
      data["target_hd"] = d.target_hd;
      data["rule"] = choice_name(d.rule);
      if (d.rule == SubsetRule::band) data["band"] = d.band;
      data["max_candidates"] = d.max_candidates;
    }
    out["data"] = data;
  }
  out["model"] = model_json(spec.model);
  if (spec.measure != Measure::capacity) out["probe"] = probe_json(spec.probe, spec.measure);
  return out;
}

}  // namespace damlab
