#include "damlab/experiment/sweep.hpp"

#include <charconv>
#include <cmath>
#include <mutex>
#include <sstream>
#include <thread>
#include <deque>
#include <memory>

#include "damlab/util/error.hpp"
#include "damlab/util/version.hpp"

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
  require(section == "data" || section == "model" || section == "probe", "sweep path", path,
          "in the data, model or probe section");
  // Each ε names a D_c column, so rows with other ε lists would not share a header.
  require(path != "probe.epsilons", "sweep path", path,
          "not probe.epsilons (its values name the CSV columns; list every ε in the spec)");
}

// A cell: numbers in their shortest exact form, null as empty, a list of
// numbers as [a;b] (a comma would split the cell).
std::string cell(const Json& value, const std::string& field = "csv cell") {
  if (value.is_null()) return "";
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    require(text.find_first_of(",\"\n\r") == std::string::npos, field, text,
            "free of commas, quotes and line breaks");
    return text;
  }
  if (value.is_array()) {
    std::string text = "[";
    for (std::size_t k = 0; k < value.size(); ++k) {
      require(value[k].is_number(), field, value.dump(), "a number, a string or a list of numbers");
      text += (k ? ";" : "") + value[k].dump();
    }
    return text + "]";
  }
  require(!value.is_object(), field, value.dump(), "a number, a string or a list of numbers");
  return value.dump();
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
    for (const Json& value : spec) cell(value, field);  // each must fit one CSV cell
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

void flatten(const Json& json, const std::string& prefix, std::vector<std::string>& columns,
             std::vector<std::string>& cells) {
  for (const auto& item : json.items()) {
    const std::string name = prefix.empty() ? item.key() : prefix + "_" + item.key();
    if (item.value().is_object()) {
      flatten(item.value(), name, columns, cells);
    } else {
      columns.push_back(name);
      cells.push_back(cell(item.value()));
    }
  }
}

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(line);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!line.empty() && line.back() == separator) parts.emplace_back();
  return parts;
}

// Decimal digits only, into value: stoul would also take " 1", "+1", "1x"
// and "-1" (as 2^64 - 1).
bool decimal(const std::string& text, std::size_t& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc{} && stop == end;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? "," : "") + parts[k];
  return out;
}

std::string fnv1a(const std::string& text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char ch : text) {
    hash ^= ch;
    hash *= 0x100000001b3ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
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

Experiment parse_experiment(const Json& json) {
  require(json.is_object(), "spec", json.dump(), "a JSON object");
  Experiment experiment;
  experiment.base = json;
  if (json.contains("name")) {
    require(json["name"].is_string(), "name", json["name"].dump(), "a string");
    experiment.name = json["name"].get<std::string>();
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
      parse_spec(experiment.point_spec(point));
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
  const bool ok = slash != std::string::npos && decimal(text.substr(0, slash), index) &&
                  decimal(text.substr(slash + 1), count);
  require(ok && count >= 1 && index < count, "shard", text,
          "i/N with N >= 1 and 0 <= i < N, e.g. 0/4");
  return {index, count};
}

namespace {
// The data of recent points by their data section: points that differ only
// in model or probe (a degree axis, say) load and select their patterns once.
// A few entries suffice because the points run in order.
class DataCache {
 public:
  std::shared_ptr<const LoadedData> get(const DataSpec& data,
                                        std::span<const std::uint8_t> bytes) {
    Spec key_spec;
    key_spec.data = data;
    const std::string key = to_json(key_spec)["data"].dump();
    {
      const std::lock_guard<std::mutex> guard(lock_);
      for (const auto& [k, value] : entries_)
        if (k == key) return value;
    }
    auto loaded = std::make_shared<const LoadedData>(load_data(data, bytes));
    const std::lock_guard<std::mutex> guard(lock_);
    entries_.emplace_back(key, loaded);
    if (entries_.size() > capacity) entries_.pop_front();
    return loaded;
  }

 private:
  static constexpr std::size_t capacity = 8;
  std::mutex lock_;
  std::deque<std::pair<std::string, std::shared_ptr<const LoadedData>>> entries_;
};
}  // namespace

SweepRows run_sweep(const Experiment& experiment, const FileBytes& files,
                    const SweepOptions& options) {
  require(options.threads >= 1 && options.threads <= 256, "threads", options.threads,
          "in [1, 256]");
  const std::size_t total = experiment.points();
  require(options.shard.count <= total, "shard", std::to_string(options.shard.count) + " shards",
          "at most the " + std::to_string(total) + " points of the sweep");
  std::vector<std::size_t> todo;
  for (std::size_t point = 0; point < total; ++point)
    if (options.shard.owns(point)) todo.push_back(point);

  SweepRows out;
  out.planned = todo.size();
  std::mutex lock;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  DataCache data_cache;
  auto worker = [&] {
    for (;;) {
      const std::size_t k = next++;
      if (k >= todo.size() || stop) return;
      const std::size_t point = todo[k];
      try {
        const Spec spec = parse_spec(experiment.point_spec(point));
        static const std::vector<std::uint8_t> no_bytes;
        const auto file = files.find(spec.data.path);
        const auto& bytes = file == files.end() ? no_bytes : file->second;
        const auto loaded = data_cache.get(spec.data, bytes);
        const Json record = run_spec(spec, *loaded, [&](double) { return !stop.load(); });
        std::vector<std::string> columns = {"point"}, cells = {std::to_string(point)};
        for (const auto& axis : experiment.axes)
          for (const auto& path : axis.paths) columns.push_back(path);
        for (const Json& value : experiment.point_values(point)) cells.push_back(cell(value));
        // The data's identity; its size is in the result columns already.
        Json data = record["data"];
        for (const char* key : {"checksum_of", "N", "count"}) data.erase(key);
        flatten(data, "data", columns, cells);
        flatten(record["result"], "", columns, cells);
        const std::lock_guard<std::mutex> guard(lock);
        if (out.columns.empty()) out.columns = columns;
        // One header for all rows, whichever thread finished first.
        require(columns == out.columns, "sweep", "point " + std::to_string(point),
                "a row with the columns of the other points: " + join(out.columns));
        out.rows[point] = std::move(cells);
        if (options.progress && !options.progress(out.rows.size(), todo.size())) stop = true;
      } catch (const Cancelled&) {
        return;
      } catch (...) {
        const std::lock_guard<std::mutex> guard(lock);
        if (!failure) failure = std::current_exception();
        stop = true;
        return;
      }
    }
  };
  if (options.threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < std::min(options.threads, todo.size()); ++t) pool.emplace_back(worker);
    for (auto& thread : pool) thread.join();
  }
  if (failure) std::rethrow_exception(failure);
  return out;
}

std::string to_csv(const SweepRows& rows) {
  std::string text = join(rows.columns) + "\n";
  for (const auto& [point, cells] : rows.rows) text += join(cells) + "\n";
  return text;
}

SweepRows merge_csv(const Experiment& experiment, const std::vector<std::string>& csv_texts) {
  SweepRows merged;
  merged.planned = experiment.points();
  for (std::size_t f = 0; f < csv_texts.size(); ++f) {
    std::istringstream in(csv_texts[f]);
    std::string line;
    const std::string where = "csv " + std::to_string(f + 1);
    require(static_cast<bool>(std::getline(in, line)), where, "empty", "a CSV with a header line");
    const auto columns = split(line, ',');
    std::vector<std::string> expected = {"point"};
    for (const auto& axis : experiment.axes)
      expected.insert(expected.end(), axis.paths.begin(), axis.paths.end());
    require(columns.size() > expected.size() &&
                std::equal(expected.begin(), expected.end(), columns.begin()),
            where + " header", line, "to start with this experiment's columns " + join(expected));
    if (merged.columns.empty()) merged.columns = columns;
    require(columns == merged.columns, where + " header", line,
            "the same as the first file's: " + join(merged.columns));
    while (std::getline(in, line)) {
      auto cells = split(line, ',');
      require(cells.size() == columns.size(), where, line,
              "a row of " + std::to_string(columns.size()) + " cells");
      std::size_t point = 0;
      require(decimal(cells[0], point), where + " point", cells[0], "a point index (decimal digits)");
      require(point < merged.planned, where + " point", point,
              "below the experiment's " + std::to_string(merged.planned) + " points");
      require(merged.rows.count(point) == 0, where + " point", point, "in only one file");
      // The swept values must be this experiment's, not another's with the same columns.
      const auto values = experiment.point_values(point);
      for (std::size_t k = 0; k < values.size(); ++k)
        require(cells[k + 1] == cell(values[k]), where + " point " + std::to_string(point),
                expected[k + 1] + " = " + cells[k + 1],
                "the experiment's value " + cell(values[k]));
      merged.rows[point] = std::move(cells);
    }
  }
  return merged;
}

Json sweep_record(const Experiment& experiment, const SweepRows& rows) {
  Json record;
  record["experiment"] = experiment.to_json();
  record["code_version"] = code_version();
  record["points"] = experiment.points();
  record["rows"] = rows.rows.size();
  record["complete"] = rows.rows.size() == experiment.points();
  record["csv_fnv1a64"] = fnv1a(to_csv(rows));
  return record;
}

}  // namespace damlab
