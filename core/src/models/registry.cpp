#include "damlab/models/registry.hpp"

#include <cstdio>

#include "damlab/dam/separation.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

namespace {

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", x);
  std::string out = text;  // 1e+06 -> 1e6
  if (const auto e = out.find("e+"); e != std::string::npos) {
    std::size_t digits = e + 2;
    while (digits + 1 < out.size() && out[digits] == '0') ++digits;
    out = out.substr(0, e + 1) + out.substr(digits);
  }
  return out;
}

ParameterInfo integer(std::string key, std::string label, double min, double max, double fallback) {
  ParameterInfo p;
  p.key = std::move(key);
  p.label = std::move(label);
  p.kind = ParameterInfo::Kind::integer;
  p.min = min, p.max = max, p.default_value = fallback;
  return p;
}

ParameterInfo real(std::string key, std::string label, double min, bool min_open, double max,
                   bool max_open, double fallback) {
  ParameterInfo p;
  p.key = std::move(key);
  p.label = std::move(label);
  p.kind = ParameterInfo::Kind::real;
  p.min = min, p.max = max, p.min_open = min_open, p.max_open = max_open;
  p.default_value = fallback;
  return p;
}

ParameterInfo when(ParameterInfo p, std::string key, std::vector<std::string> values) {
  p.when_key = std::move(key);
  p.when_values = std::move(values);
  return p;
}

std::vector<ModelInfo> build() {
  ParameterInfo F;
  F.key = "F";
  F.label = "separation function F";
  F.kind = ParameterInfo::Kind::choice;
  F.choices = Separation::kind_names();
  F.default_choice = "rectpoly";
  const auto degree = when(integer("n", "degree n", 1, Separation::max_degree, 3), "F",
                           {"rectpoly", "poly"});
  const auto beta = when(real("beta", "inverse temperature β", 0, true, Separation::max_beta,
                              false, 1),
                         "F", {"exp"});
  const auto coding = real("a", "coding level a", 0, true, 1, true, 0.5);
  using enum Computation;
  return {
      {"dam", "dam: Dense Associative Memory", {F, degree, beta}, dam},
      {"lse", "lse: log-sum-exp energy",
       {real("beta", "inverse width β", 0, true, Separation::max_beta, false, 1)}, dam},
      {"lsr", "lsr: log-sum-ReLU (Epanechnikov) energy",
       {real("beta", "inverse width β", 0, true, 1e6, false, 1)}, overlaps},
      {"cmm", "cmm: correlation matrix memory", {}, overlaps},
      {"nearest", "nearest: nearest stored pattern", {}, overlaps},
      {"minerva2", "minerva2: Minerva2 (normalized cube)", {}, overlaps},
      {"hopfield-activity-product", "hopfield-activity-product: Hopfield, W = Σ ξξᵀ", {},
       weight_matrix},
      {"hopfield-willshaw", "hopfield-willshaw: clipped 0/1 weights", {}, weight_matrix},
      {"hopfield-covariance", "hopfield-covariance: covariance rule", {coding}, weight_matrix},
      {"hopfield-presynaptic-covariance", "hopfield-presynaptic-covariance", {coding},
       weight_matrix},
      {"hopfield-bcpnn", "hopfield-bcpnn: BCPNN log-odds weights",
       {real("epsilon", "probability floor ε", 0, true, 1, true, 1e-3)}, weight_matrix},
  };
}

}  // namespace

std::string ParameterInfo::range_text() const {
  if (kind == Kind::choice) {
    std::string out;
    for (const auto& c : choices) out += (out.empty() ? "" : ", ") + c;
    return "one of " + out;
  }
  const std::string range = std::string(min_open ? "(" : "[") + number(min) + ", " + number(max) +
                            (max_open ? ")" : "]");
  return kind == Kind::integer ? "an integer in " + range : "in " + range;
}

bool ParameterInfo::in_range(double value) const {
  // Written so that NaN is out of every range.
  const bool above = min_open ? value > min : value >= min;
  const bool below = max_open ? value < max : value <= max;
  return above && below;
}

const std::vector<ModelInfo>& model_registry() {
  static const std::vector<ModelInfo> registry = build();
  return registry;
}

const std::vector<std::string>& model_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& model : model_registry()) out.push_back(model.name);
    return out;
  }();
  return names;
}

const ModelInfo& model_info(const std::string& name) {
  for (const auto& model : model_registry())
    if (model.name == name) return model;
  std::string known;
  for (const auto& n : model_names()) known += (known.empty() ? "" : ", ") + n;
  throw InvalidArgument("model.name", "model.name = " + name + ": must be one of " + known);
}

}  // namespace damlab
