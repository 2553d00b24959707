#include "damlab/experiment/replicate_summary.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/summary_table.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/measures/mean_interval.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

namespace {

constexpr std::size_t max_list = 10;

// A list of 1 to max_list distinct column or sweep names, each a CSV header
// cell (no comma), 1 to 100 characters.
std::vector<std::string> names(const Json& json, const std::string& field, const std::string& what) {
  const std::string allowed = "a list of 1 to " + std::to_string(max_list) + " distinct " + what;
  require(json.is_array() && !json.empty() && json.size() <= max_list, field, json.dump(), allowed);
  std::vector<std::string> out;
  for (const Json& name : json) {
    require(name.is_string() && !name.get<std::string>().empty() &&
                name.get<std::string>().size() <= 100 &&
                name.get<std::string>().find(',') == std::string::npos,
            field, json.dump(), allowed);
    require(std::find(out.begin(), out.end(), name.get<std::string>()) == out.end(), field,
            json.dump(), allowed);
    out.push_back(name.get<std::string>());
  }
  return out;
}

struct ReplicateGroup {
  std::vector<std::string> key;
  std::set<std::string> replicates;
  std::vector<std::vector<double>> values;  // per value column
};

}  // namespace

bool is_replicate_summary(const Json& json) { return json.is_object() && json.contains("group_by"); }

ReplicateSummarySpec parse_replicate_summary_spec(const Json& json) {
  require(json.is_object(), "summary", std::string("a ") + json.type_name(), "a JSON object");
  Fields f(json, "", {"name", "sweeps", "group_by", "replicate", "values", "confidence"});
  ReplicateSummarySpec spec;
  spec.name = f.text("name");
  check_output_name(spec.name);
  spec.sweeps = names(f.object("sweeps"), "sweeps", "sweep names (their CSVs are NAME.csv)");
  for (const std::string& sweep : spec.sweeps) {
    try {
      check_output_name(sweep);
    } catch (const InvalidArgument& e) {
      throw InvalidArgument("sweeps", std::string("sweeps: ") + e.what());
    }
  }
  spec.group_by = names(f.object("group_by"), "group_by", "column names");
  spec.values = names(f.object("values"), "values", "column names");
  spec.replicate = f.text("replicate");
  require(!spec.replicate.empty() && spec.replicate.find(',') == std::string::npos, "replicate",
          spec.replicate, "a column name (e.g. train.seed)");
  for (const std::string& value : spec.values)
    require(std::find(spec.group_by.begin(), spec.group_by.end(), value) == spec.group_by.end() &&
                value != spec.replicate,
            "values", value, "columns that are neither in group_by nor the replicate");
  require(std::find(spec.group_by.begin(), spec.group_by.end(), spec.replicate) ==
              spec.group_by.end(),
          "replicate", spec.replicate, "a column not in group_by");
  spec.confidence = f.real("confidence", 0.95);
  require(spec.confidence > 0 && spec.confidence < 1, "confidence", spec.confidence, "in (0, 1)");
  return spec;
}

Json to_json(const ReplicateSummarySpec& spec) {
  return {{"name", spec.name},         {"sweeps", spec.sweeps},
          {"group_by", spec.group_by}, {"replicate", spec.replicate},
          {"values", spec.values},     {"confidence", spec.confidence}};
}

ReplicateTables summarize_replicates(const ReplicateSummarySpec& spec,
                                     const std::map<std::string, std::string>& csv_texts) {
  ReplicateTables out;
  out.record["summary"] = to_json(spec);
  out.record["code_version"] = std::string(code_version());
  out.record["inputs"] = Json::object();
  std::vector<ReplicateGroup> groups;
  std::map<std::vector<std::string>, std::size_t> group_of;
  const std::string expected = "a sweep's CSV with the columns of group_by and values";
  for (const std::string& sweep : spec.sweeps) {
    const auto it = csv_texts.find(sweep);
    require(it != csv_texts.end(), "sweeps", sweep, "a sweep whose CSV was given");
    const SummaryTable table = read_summary_table(it->second, sweep);
    out.record["inputs"][sweep] = summary_input(table, it->second);
    std::vector<std::size_t> by, values;
    for (const std::string& name : spec.group_by) by.push_back(table.column(name, sweep, expected));
    for (const std::string& name : spec.values) values.push_back(table.column(name, sweep, expected));
    // Without the replicate column the sweep is one replicate: its fixed seed.
    const bool has_replicate = table.has(spec.replicate);
    const std::size_t replicate = has_replicate ? table.column(spec.replicate, sweep, expected) : 0;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto& row = table.rows[r];
      const std::string where = "sweeps." + sweep + " line " + std::to_string(table.lines[r]);
      std::vector<std::string> key;
      for (const std::size_t c : by) key.push_back(row[c]);
      // An index by key keeps the groups in order of first appearance
      // without a search through them per row (sweeps hold up to 100,000 rows).
      const auto [found, added] = group_of.try_emplace(key, groups.size());
      if (added) groups.push_back({key, {}, std::vector<std::vector<double>>(values.size())});
      ReplicateGroup* group = &groups[found->second];
      const std::string id = has_replicate ? row[replicate] : "sweep " + sweep;
      require(group->replicates.insert(id).second, where,
              spec.replicate + " " + (has_replicate ? row[replicate] : "(the sweep's own)") +
                  " a second time in its group",
              "each replicate once per group (independent replicates)");
      for (std::size_t v = 0; v < values.size(); ++v) {
        const double value = number_cell(row[values[v]], where + " " + spec.values[v]);
        require(std::isfinite(value), where + " " + spec.values[v], "an empty cell",
                "a number (a run that finished)");
        group->values[v].push_back(value);
      }
    }
  }
  std::vector<std::string> header = spec.group_by;
  header.push_back("replicates");
  for (const std::string& name : spec.values)
    for (const char* part : {"_mean", "_low", "_high"}) header.push_back(name + part);
  out.summary_csv = csv_line(header) + "\n";
  for (const ReplicateGroup& g : groups) {
    std::vector<std::string> cells = g.key;
    cells.push_back(std::to_string(g.replicates.size()));
    for (const auto& column : g.values) {
      const Interval i = mean_interval(column, spec.confidence);
      for (const double x : {i.estimate, i.low, i.high}) cells.push_back(summary_cell(x));
    }
    out.summary_csv += csv_line(cells) + "\n";
  }
  return out;
}

}  // namespace damlab
