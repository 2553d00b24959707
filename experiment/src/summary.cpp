#include "damlab/experiment/summary.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "damlab/experiment/summary_table.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/measures/mean_interval.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

namespace {

constexpr std::size_t max_centers = 1000;

std::vector<double> parse_centers(const Json& json) {
  const std::string field = "buckets.centers";
  std::vector<double> centers;
  if (json.is_array()) {
    require(!json.empty() && json.size() <= max_centers, field, json.dump(),
            "a list of 1 to " + std::to_string(max_centers) + " numbers or {from, to, step}");
    for (const Json& c : json) {
      require(c.is_number() && std::isfinite(c.get<double>()), field, json.dump(),
              "a list of finite numbers");
      centers.push_back(c.get<double>());
    }
    return centers;
  }
  Fields range(json, field, {"from", "to", "step"});
  const double from = range.real("from"), to = range.real("to"), step = range.real("step");
  require(std::isfinite(from), field + ".from", from, "a finite number");
  require(std::isfinite(to) && to >= from, field + ".to", to, "a finite number >= from");
  require(std::isfinite(step) && step > 0, field + ".step", step, "positive");
  require((to - from) / step < max_centers, field, json.dump(),
          "at most " + std::to_string(max_centers) + " centers");
  for (double k = 0; from + k * step <= to + 1e-9 * step; ++k)
    centers.push_back(std::round((from + k * step) * 1e12) / 1e12);
  return centers;
}

const char* mode_name(SummarySpec::Kmax mode) {
  return mode == SummarySpec::Kmax::binary ? "binary" : "exact";
}

// One set of a sweep under one Kmax mode.
struct Set {
  double n, kmax, S, hd;  // hd NaN: none (Kmax < 2 under first_kmax)
  double drift;           // HD of the first Kmax minus the whole set's; NaN when Kmax < 2
  bool censored;
};

std::vector<Set> read_sets(const SummaryTable& table, const std::string& sweep, SummarySpec::Kmax mode,
                           bool hd_first_kmax) {
  const std::string prefix = mode_name(mode);
  const auto column = [&](const std::string& name) {
    return table.column(name, sweep,
                        "a capacity sweep's CSV (columns model.n, S, exact_kmax, binary_kmax, ...)");
  };
  const std::size_t n = column("model.n"), S = column("S"), kmax = column(prefix + "_kmax"),
                    censored = column(prefix + "_censored"), first_hd = column(prefix + "_mean_hd"),
                    whole_hd = column("data_mean_hd");
  std::vector<Set> sets;
  const std::string field = "sweeps." + sweep;
  for (const auto& row : table.rows) {
    const double first = number_cell(row[first_hd], field + " mean_hd"),
                 whole = number_cell(row[whole_hd], field + " data_mean_hd");
    Set set{number_cell(row[n], field + " model.n"), number_cell(row[kmax], field + " kmax"),
            number_cell(row[S], field + " S"), hd_first_kmax ? first : whole, first - whole,
            row[censored] == "true"};
    require(std::isfinite(set.n) && std::isfinite(set.kmax) && std::isfinite(set.S), field,
            "a row without model.n, S or Kmax", "a capacity sweep's CSV");
    sets.push_back(set);
  }
  return sets;
}

// The value a set contributes to a mean, or false when it is left out.
bool counted(const Set& set, bool exclude_censored) { return !(set.censored && exclude_censored); }

struct Group {
  std::size_t sets = 0, censored = 0;
  std::vector<double> kmax, log2_kmax, hd;
};

std::string line(const std::vector<std::string>& cells) { return csv_line(cells) + "\n"; }

}  // namespace

SummarySpec parse_summary_spec(const Json& json) {
  require(json.is_object(), "summary", std::string("a ") + json.type_name(), "a JSON object");
  Fields f(json, "", {"name", "sweeps", "buckets", "kmax", "censored", "hd", "confidence", "gap",
                      "fit", "drift", "max_drift"});
  SummarySpec spec;
  spec.name = f.text("name");
  check_output_name(spec.name);
  const Json& sweeps = f.object("sweeps");
  require(sweeps.is_object() && !sweeps.empty() && sweeps.size() <= 10, "sweeps", sweeps.dump(),
          "an object {label: sweep name} of 1 to 10 sweeps");
  for (const auto& item : sweeps.items()) {
    const Json names = item.value().is_array() ? item.value() : Json::array({item.value()});
    require(!names.empty() && names.size() <= 10, "sweeps." + item.key(), item.value().dump(),
            "a sweep's name or a list of 1 to 10 (their CSVs are NAME.csv)");
    std::vector<std::string> list;
    for (const Json& name : names) {
      require(name.is_string(), "sweeps." + item.key(), item.value().dump(),
              "a sweep's name or a list of names (their CSVs are NAME.csv)");
      try {
        check_output_name(name.get<std::string>());
      } catch (const InvalidArgument& e) {
        throw InvalidArgument("sweeps." + item.key(), std::string("sweeps.") + item.key() +
                                                          ": " + e.what());
      }
      list.push_back(name.get<std::string>());
    }
    require(!item.key().empty() && item.key().find(',') == std::string::npos &&
                item.key().size() <= 40,
            "sweeps", "label \"" + item.key().substr(0, 40) + "\"",
            "1 to 40 characters without a comma (a CSV cell)");
    spec.sweeps.emplace_back(item.key(), list);
  }
  Fields buckets(f.object("buckets"), "buckets", {"centers", "half_width"});
  spec.centers = parse_centers(buckets.object("centers"));
  spec.half_width = buckets.real("half_width");
  require(std::isfinite(spec.half_width) && spec.half_width > 0, "buckets.half_width",
          spec.half_width, "a positive number of bits");
  const std::string kmax = f.text("kmax", "binary");
  require(kmax == "binary" || kmax == "exact", "kmax", kmax,
          "binary (the paper's binary search) or exact");
  spec.kmax = kmax == "binary" ? SummarySpec::Kmax::binary : SummarySpec::Kmax::exact;
  const std::string censored = f.text("censored", "exclude");
  require(censored == "exclude" || censored == "as_s", "censored", censored,
          "exclude (the paper's) or as_s (a censored Kmax counted as S)");
  spec.exclude_censored = censored == "exclude";
  const std::string hd = f.text("hd", "first_kmax");
  require(hd == "first_kmax" || hd == "whole_set", "hd", hd,
          "first_kmax (the paper's: the HD of the first Kmax patterns) or whole_set");
  spec.hd_first_kmax = hd == "first_kmax";
  spec.confidence = f.real("confidence", 0.95);
  require(spec.confidence > 0 && spec.confidence < 1, "confidence", spec.confidence, "in (0, 1)");
  if (f.has("gap")) {
    const Json& gap = json["gap"];
    const auto label = [&](const Json& j) {
      return j.is_string() && std::any_of(spec.sweeps.begin(), spec.sweeps.end(),
                                          [&](const auto& s) { return s.first == j.get<std::string>(); });
    };
    const auto pair = [&](const Json& j) {
      return j.is_array() && j.size() == 2 && label(j[0]) && label(j[1]) && j[0] != j[1];
    };
    spec.gap_list = gap.is_array() && !gap.empty() && gap[0].is_array();
    const Json pairs = spec.gap_list ? gap : Json::array({gap});
    require(pairs.size() <= 45 && std::all_of(pairs.begin(), pairs.end(), pair), "gap", gap.dump(),
            "two different labels of sweeps, [numerator, denominator], or a list of such pairs");
    for (const Json& p : pairs) spec.gaps.emplace_back(p[0].get<std::string>(), p[1].get<std::string>());
  }
  if (f.has("fit")) {
    require(json["fit"].is_boolean(), "fit", json["fit"].dump(), "true or false");
    spec.fit = json["fit"].get<bool>();
  }
  if (f.has("drift")) {
    require(json["drift"].is_boolean(), "drift", json["drift"].dump(), "true or false");
    spec.drift = json["drift"].get<bool>();
  }
  if (f.has("max_drift")) {
    const Json& limits = json["max_drift"];
    require(limits.is_object() && limits.size() <= spec.sweeps.size(), "max_drift", limits.dump(),
            "an object {label: bits}");
    for (const auto& item : limits.items()) {
      const bool known = std::any_of(spec.sweeps.begin(), spec.sweeps.end(),
                                     [&](const auto& s) { return s.first == item.key(); });
      require(known, "max_drift", "label \"" + item.key().substr(0, 40) + "\"",
              "a label of sweeps");
      const Json& bits = item.value();
      require(bits.is_number() && std::isfinite(bits.get<double>()) && bits.get<double>() >= 0,
              "max_drift." + item.key(), bits.dump(), "a number of bits >= 0");
      spec.max_drift[item.key()] = bits.get<double>();
    }
  }
  return spec;
}

Json to_json(const SummarySpec& spec) {
  Json out;
  out["name"] = spec.name;
  out["sweeps"] = Json::object();
  for (const auto& [label, names] : spec.sweeps) out["sweeps"][label] = names;
  out["buckets"] = {{"centers", spec.centers}, {"half_width", spec.half_width}};
  out["kmax"] = mode_name(spec.kmax);
  out["censored"] = spec.exclude_censored ? "exclude" : "as_s";
  out["hd"] = spec.hd_first_kmax ? "first_kmax" : "whole_set";
  out["confidence"] = spec.confidence;
  if (!spec.gaps.empty()) {
    Json pairs = Json::array();
    for (const auto& [a, b] : spec.gaps) pairs.push_back({a, b});
    out["gap"] = spec.gap_list ? pairs : pairs[0];
  }
  out["fit"] = spec.fit;
  // Written only when used, so the records of summaries without them stay
  // as they were.
  if (spec.drift) out["drift"] = true;
  if (!spec.max_drift.empty()) out["max_drift"] = spec.max_drift;
  return out;
}

SummaryTables summarize(const SummarySpec& spec,
                        const std::map<std::string, std::string>& csv_texts) {
  SummaryTables out;
  out.record["summary"] = to_json(spec);
  out.record["code_version"] = std::string(code_version());
  out.record["inputs"] = Json::object();
  std::vector<std::vector<SummaryTable>> tables;  // per label, per sweep
  for (const auto& [label, names] : spec.sweeps) {
    tables.emplace_back();
    for (const std::string& sweep : names) {
      const auto it = csv_texts.find(sweep);
      require(it != csv_texts.end(), "sweeps." + label, sweep, "a sweep whose CSV was given");
      tables.back().push_back(read_summary_table(it->second, sweep));
      out.record["inputs"][sweep] = summary_input(tables.back().back(), it->second);
    }
  }
  // The primary mode first, the other beside it.
  const std::vector<SummarySpec::Kmax> modes = {
      spec.kmax, spec.kmax == SummarySpec::Kmax::binary ? SummarySpec::Kmax::exact
                                                        : SummarySpec::Kmax::binary};
  // groups[label][mode][n][bucket]
  std::vector<std::vector<std::map<double, std::vector<Group>>>> groups(spec.sweeps.size());
  std::vector<std::vector<std::map<double, std::pair<std::vector<double>, std::vector<double>>>>>
      fit_points(spec.sweeps.size());
  out.record["without_hd"] = Json::array();
  if (!spec.max_drift.empty()) out.record["beyond_max_drift"] = Json::array();
  // drifts[label][mode][n]: the drifts of the sets in the means
  std::vector<std::vector<std::map<double, std::vector<double>>>> drifts(spec.sweeps.size());
  for (std::size_t l = 0; l < spec.sweeps.size(); ++l) {
    groups[l].resize(modes.size());
    fit_points[l].resize(modes.size());
    drifts[l].resize(modes.size());
    const auto limit = spec.max_drift.find(spec.sweeps[l].first);
    const double max_drift = limit == spec.max_drift.end() ? std::numeric_limits<double>::infinity()
                                                                : limit->second;
    for (std::size_t m = 0; m < modes.size(); ++m) {
      std::map<double, std::size_t> without_hd, beyond;
      std::vector<Set> sets;
      for (std::size_t t = 0; t < tables[l].size(); ++t) {
        const auto more = read_sets(tables[l][t], spec.sweeps[l].second[t], modes[m],
                                    spec.hd_first_kmax);
        sets.insert(sets.end(), more.begin(), more.end());
      }
      for (const Set& set : sets) {
        auto& by_bucket = groups[l][m][set.n];
        by_bucket.resize(spec.centers.size());
        if (std::isnan(set.hd)) {
          ++without_hd[set.n];
          continue;
        }
        const bool used = counted(set, spec.exclude_censored);
        if (used && !std::isnan(set.drift)) drifts[l][m][set.n].push_back(set.drift);
        if (std::abs(set.drift) > max_drift) {
          ++beyond[set.n];
          continue;
        }
        const double kmax = set.censored ? set.S : set.kmax;
        if (used && kmax >= 2) {
          fit_points[l][m][set.n].first.push_back(set.hd);
          fit_points[l][m][set.n].second.push_back(std::log(kmax));
        }
        for (std::size_t b = 0; b < spec.centers.size(); ++b) {
          if (set.hd < spec.centers[b] - spec.half_width ||
              set.hd >= spec.centers[b] + spec.half_width)
            continue;
          Group& g = by_bucket[b];
          ++g.sets;
          g.censored += set.censored;
          if (!used) continue;
          g.kmax.push_back(kmax);
          if (kmax >= 1) g.log2_kmax.push_back(std::log2(kmax));
          g.hd.push_back(set.hd);
        }
      }
      for (const auto& [n, count] : without_hd)
        out.record["without_hd"].push_back({{"dataset", spec.sweeps[l].first},
                                            {"mode", mode_name(modes[m])},
                                            {"n", n},
                                            {"sets", count}});
      for (const auto& [n, count] : beyond)
        out.record["beyond_max_drift"].push_back({{"dataset", spec.sweeps[l].first},
                                                  {"mode", mode_name(modes[m])},
                                                  {"n", n},
                                                  {"sets", count}});
    }
  }

  const double c = spec.confidence;
  out.summary_csv = line({"dataset", "mode", "primary", "n", "bucket", "half_width", "sets",
                          "censored", "used", "kmax_mean", "kmax_low", "kmax_high",
                          "log2_kmax_mean", "log2_kmax_low", "log2_kmax_high", "hd_mean",
                          "hd_low", "hd_high"});
  for (std::size_t l = 0; l < spec.sweeps.size(); ++l)
    for (std::size_t m = 0; m < modes.size(); ++m)
      for (const auto& [n, by_bucket] : groups[l][m])
        for (std::size_t b = 0; b < spec.centers.size(); ++b) {
          const Group& g = by_bucket[b];
          if (g.sets == 0) continue;
          const Interval k = mean_interval(g.kmax, c), lk = mean_interval(g.log2_kmax, c),
                         h = mean_interval(g.hd, c);
          out.summary_csv += line({spec.sweeps[l].first, mode_name(modes[m]),
                                   m == 0 ? "true" : "false", summary_cell(n), summary_cell(spec.centers[b]),
                                   summary_cell(spec.half_width), std::to_string(g.sets),
                                   std::to_string(g.censored), std::to_string(g.kmax.size()),
                                   summary_cell(k.estimate), summary_cell(k.low), summary_cell(k.high),
                                   summary_cell(lk.estimate), summary_cell(lk.low), summary_cell(lk.high),
                                   summary_cell(h.estimate), summary_cell(h.low), summary_cell(h.high)});
        }

  if (!spec.gaps.empty())
    out.gap_csv = line({"mode", "primary", "n", "bucket", "numerator", "denominator",
                        "used_numerator", "used_denominator", "gap_log2", "gap_low", "gap_high",
                        "df"});
  for (const auto& [numerator, denominator] : spec.gaps) {
    std::size_t a = 0, b = 0;
    for (std::size_t l = 0; l < spec.sweeps.size(); ++l) {
      if (spec.sweeps[l].first == numerator) a = l;
      if (spec.sweeps[l].first == denominator) b = l;
    }
    for (std::size_t m = 0; m < modes.size(); ++m)
      for (const auto& [n, by_bucket] : groups[a][m]) {
        const auto other = groups[b][m].find(n);
        if (other == groups[b][m].end()) continue;
        for (std::size_t k = 0; k < spec.centers.size(); ++k) {
          const Group &ga = by_bucket[k], &gb = other->second[k];
          if (ga.log2_kmax.empty() || gb.log2_kmax.empty()) continue;
          const Interval gap = welch_interval(ga.log2_kmax, gb.log2_kmax, c);
          out.gap_csv += line({mode_name(modes[m]), m == 0 ? "true" : "false", summary_cell(n),
                               summary_cell(spec.centers[k]), numerator, denominator,
                               std::to_string(ga.log2_kmax.size()),
                               std::to_string(gb.log2_kmax.size()), summary_cell(gap.estimate),
                               summary_cell(gap.low), summary_cell(gap.high), summary_cell(gap.df)});
        }
      }
  }

  if (spec.fit) {
    out.fit_csv = line({"dataset", "mode", "primary", "n", "points", "rate_per_bit", "rate_low",
                        "rate_high", "intercept", "r2", "kmax_at_hd90"});
    for (std::size_t l = 0; l < spec.sweeps.size(); ++l)
      for (std::size_t m = 0; m < modes.size(); ++m)
        for (const auto& [n, xy] : fit_points[l][m]) {
          const auto& [x, y] = xy;
          const bool spread = x.size() >= 2 && *std::min_element(x.begin(), x.end()) <
                                                   *std::max_element(x.begin(), x.end());
          if (!spread) continue;
          const LineFit fit = line_fit(x, y, c);
          out.fit_csv += line({spec.sweeps[l].first, mode_name(modes[m]),
                               m == 0 ? "true" : "false", summary_cell(n), std::to_string(fit.points),
                               summary_cell(fit.slope.estimate), summary_cell(fit.slope.low),
                               summary_cell(fit.slope.high), summary_cell(fit.intercept), summary_cell(fit.r2),
                               summary_cell(std::exp(fit.intercept + fit.slope.estimate * 90))});
        }
  }
  if (spec.drift) {
    out.drift_csv = line({"dataset", "mode", "primary", "n", "sets", "drift_mean", "drift_low",
                          "drift_high", "abs_drift_mean", "abs_drift_low", "abs_drift_high",
                          "over_3_bits"});
    for (std::size_t l = 0; l < spec.sweeps.size(); ++l)
      for (std::size_t m = 0; m < modes.size(); ++m)
        for (const auto& [n, values] : drifts[l][m]) {
          std::vector<double> magnitude;
          for (const double d : values) magnitude.push_back(std::abs(d));
          const auto over = std::count_if(magnitude.begin(), magnitude.end(),
                                          [](double d) { return d > 3; });
          const Interval d = mean_interval(values, c), a = mean_interval(magnitude, c);
          out.drift_csv += line({spec.sweeps[l].first, mode_name(modes[m]),
                                 m == 0 ? "true" : "false", summary_cell(n),
                                 std::to_string(values.size()), summary_cell(d.estimate), summary_cell(d.low),
                                 summary_cell(d.high), summary_cell(a.estimate), summary_cell(a.low), summary_cell(a.high),
                                 std::to_string(over)});
        }
  }
  return out;
}

}  // namespace damlab
