#include "damlab/experiment/grid.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

namespace {

// Integers in a range stay within ±2^53, the integers a JSON number keeps
// exactly everywhere; this also keeps from + k * step inside 64 bits.
constexpr double max_exact_integer = 9007199254740992.0;

// A sweep holds at most max_sweep_points points and this many values over
// all its paths, checked before any list is built: a few kB of spec text
// must not ask for gigabytes.
constexpr std::size_t max_sweep_values = 10 * max_sweep_points;

// The form section.field of a sweep path.
void check_path(const std::string& path) {
  const auto dot = path.find('.');
  require(dot != std::string::npos && dot > 0 && dot + 1 < path.size() &&
              path.find('.', dot + 1) == std::string::npos,
          "sweep path", path, "of the form section.field, e.g. model.n, data.p or probe.K");
  const std::string section = path.substr(0, dot);
  require(section == "data" || section == "model" || section == "probe" || section == "train",
          "sweep path", path, "in the data, model, probe or train section");
  // Each ε names a D_c column, so rows with other ε lists would not share a header.
  require(path != "probe.epsilons", "sweep path", path,
          "not probe.epsilons (its values name the CSV columns; list every ε in the spec)");
}

// Values of one path of an axis: a list, or an inclusive range; at most
// room of them.
std::vector<Json> axis_values(const std::string& path, const Json& spec, std::size_t room) {
  const std::string field = "sweep." + path;
  const std::string most = "at most " + std::to_string(std::min(room, max_sweep_points)) +
                           " values (a sweep has at most " + std::to_string(max_sweep_points) +
                           " points and " + std::to_string(max_sweep_values) + " values in all)";
  if (spec.is_array()) {
    require(!spec.empty(), field, "[]", "a non-empty list or {from, to, step}");
    require(spec.size() <= std::min(room, max_sweep_points), field,
            std::to_string(spec.size()) + " values", most);
    for (const Json& value : spec) csv_cell(value, field);  // each must fit one CSV cell
    return {spec.begin(), spec.end()};
  }
  require(spec.is_object() && spec.size() == 3 && spec.contains("from") && spec.contains("to") &&
              spec.contains("step"),
          field, spec.dump(), "a non-empty list or {\"from\", \"to\", \"step\"}");
  for (const char* key : {"from", "to", "step"})
    require(spec[key].is_number() && std::isfinite(spec[key].get<double>()),
            field + "." + key, spec[key].dump(), "a finite number");
  const double from = spec["from"].get<double>(), to = spec["to"].get<double>(),
               step = spec["step"].get<double>();
  require(step > 0, field + ".step", step, "positive");
  require(to >= from, field + ".to", to, "at least from = " + spec["from"].dump());
  const double steps = std::floor((to - from) / step + 1e-9);
  require(steps < static_cast<double>(std::min(room, max_sweep_points)), field, spec.dump(), most);
  const bool integral = spec["from"].is_number_integer() && spec["step"].is_number_integer();
  if (integral)
    for (const double bound : {from, to, step})
      require(std::fabs(bound) <= max_exact_integer, field, spec.dump(),
              "a range of integers within ±2^53");
  std::vector<Json> values;
  for (std::size_t k = 0; k <= static_cast<std::size_t>(steps); ++k) {
    if (integral) {
      values.emplace_back(spec["from"].get<std::int64_t>() +
                          static_cast<std::int64_t>(k) * spec["step"].get<std::int64_t>());
    } else {
      // Rounded to 12 decimals, unless that overflows (|x| > 1e296).
      const double x = from + static_cast<double>(k) * step;
      const double rounded = std::round(x * 1e12) / 1e12;
      values.emplace_back(std::isfinite(rounded) ? rounded : x);
    }
  }
  return values;
}

void set_path(Json& spec, const std::string& path, const Json& value) {
  check_path(path);
  const auto dot = path.find('.');
  const std::string section = path.substr(0, dot);
  if (!spec.contains(section)) spec[section] = Json::object();
  require(spec[section].is_object(), section, spec[section].dump(),
          "a JSON object (the sweep sets " + path + " in it)");
  spec[section][path.substr(dot + 1)] = value;
}

}  // namespace

std::size_t Experiment::points() const {
  std::size_t count = 1;
  for (const auto& axis : axes) count *= axis.size();
  return count;
}

std::vector<Json> Experiment::point_values(std::size_t point) const {
  std::vector<Json> values;
  std::vector<std::size_t> index(axes.size());
  for (std::size_t a = axes.size(); a-- > 0;) {
    index[a] = point % axes[a].size();
    point /= axes[a].size();
  }
  for (std::size_t a = 0; a < axes.size(); ++a)
    for (const auto& path_values : axes[a].values) values.push_back(path_values[index[a]]);
  return values;
}

Json Experiment::point_spec(std::size_t point) const {
  Json spec = base;
  const auto values = point_values(point);
  std::size_t k = 0;
  for (const auto& axis : axes)
    for (const auto& path : axis.paths) set_path(spec, path, values[k++]);
  return spec;
}

Json Experiment::to_json() const {
  Json out;
  out["name"] = name;
  for (const auto& item : base.items()) out[item.key()] = item.value();
  Json sweep = Json::array();
  for (const auto& axis : axes) {
    Json element = Json::object();
    for (std::size_t p = 0; p < axis.paths.size(); ++p) element[axis.paths[p]] = axis.values[p];
    sweep.push_back(element);
  }
  out["sweep"] = sweep;
  return out;
}

void check_output_name(const std::string& name) {
  // The name is the stem of the output files in --out: a path ("../x",
  // "/etc/x") would write outside it, so only plain file names pass.
  constexpr std::size_t max_length = 100;
  const bool plain = std::all_of(name.begin(), name.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '_' || ch == '-';
  });
  // Shown as typed when short and printable, else by its length.
  const bool printable = std::all_of(name.begin(), name.end(), [](char ch) {
    return ch >= 0x20 && ch < 0x7f;
  });
  const std::string shown = name.size() <= max_length && printable
                                ? "\"" + name + "\""
                                : std::to_string(name.size()) + " bytes";
  require(plain && !name.empty() && name.size() <= max_length && name != "." && name != "..",
          "name", shown,
          "a plain file name: 1 to " + std::to_string(max_length) +
              " of the characters A-Z a-z 0-9 . _ - (no / or \\), not \".\" or \"..\"");
}

Experiment parse_experiment(const Json& json) {
  require(json.is_object(), "spec", std::string("a ") + json.type_name(), "a JSON object");
  Experiment experiment;
  experiment.base = json;
  if (json.contains("name")) {
    require(json["name"].is_string(), "name", json["name"].dump(), "a string");
    experiment.name = json["name"].get<std::string>();
    // "" is no name (the outputs are then sweep.csv and sweep.json), as the
    // normalized experiment of a record writes it.
    if (!experiment.name.empty()) check_output_name(experiment.name);
    experiment.base.erase("name");
  }
  double points = 1;
  std::size_t values_left = max_sweep_values;
  if (json.contains("sweep")) {
    const Json& sweep = json["sweep"];
    require(sweep.is_array(), "sweep", sweep.dump(), "a list of axes ({path: values} objects)");
    for (std::size_t a = 0; a < sweep.size(); ++a) {
      const std::string where = "sweep[" + std::to_string(a) + "]";
      require(sweep[a].is_object() && !sweep[a].empty(), where, sweep[a].dump(),
              "an object {path: values, ...}");
      SweepAxis axis;
      for (const auto& item : sweep[a].items()) {
        check_path(item.key());
        axis.paths.push_back(item.key());
        axis.values.push_back(axis_values(item.key(), item.value(), values_left));
        values_left -= axis.values.back().size();
        require(axis.values.back().size() == axis.values.front().size(), where + "." + item.key(),
                std::to_string(axis.values.back().size()) + " values",
                "as many values as " + axis.paths.front() + " (" +
                    std::to_string(axis.values.front().size()) + ")");
      }
      // Checked axis by axis, before the next one is built.
      points *= static_cast<double>(axis.size());
      require(points <= static_cast<double>(max_sweep_points), "sweep",
              std::to_string(static_cast<std::uint64_t>(points)) + " points after " + where,
              "at most " + std::to_string(max_sweep_points) + " points");
      experiment.axes.push_back(std::move(axis));
    }
    experiment.base.erase("sweep");
  }
  for (std::size_t point = 0; point < experiment.points(); ++point) {
    try {
      // A trajectory is one probe's states, not a row of a sweep's table.
      require(parse_spec(experiment.point_spec(point)).measure != Measure::trajectory, "measure",
              "trajectory", "a measure with one row of numbers per point (run a trajectory with damlab run)");
    } catch (const InvalidArgument& e) {
      if (experiment.axes.empty()) throw;
      throw InvalidArgument(e.field(), "sweep point " + std::to_string(point) + ": " + e.what());
    }
  }
  return experiment;
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  std::size_t index = 0, count = 0;
  const bool ok = slash != std::string::npos && parse_decimal(text.substr(0, slash), index) &&
                  parse_decimal(text.substr(slash + 1), count);
  require(ok && count >= 1 && index < count, "shard", text,
          "i/N with N >= 1 and 0 <= i < N, e.g. 0/4");
  return {index, count};
}

}  // namespace damlab
