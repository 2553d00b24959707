#include "damlab/experiment/sweep_csv.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"
#include "damlab/util/version.hpp"

namespace damlab {

std::string csv_cell(const Json& value, const std::string& field) {
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

std::string csv_line(const std::vector<std::string>& parts) {
  std::string out;
  for (std::size_t k = 0; k < parts.size(); ++k) out += (k ? "," : "") + parts[k];
  return out;
}

bool parse_decimal(const std::string& text, std::size_t& value) {
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return !text.empty() && error == std::errc{} && stop == end;
}

namespace {

void flatten(const Json& json, const std::string& prefix, std::vector<std::string>& columns,
             std::vector<std::string>& cells) {
  for (const auto& item : json.items()) {
    const std::string name = prefix.empty() ? item.key() : prefix + "_" + item.key();
    if (item.value().is_object()) {
      flatten(item.value(), name, columns, cells);
    } else {
      columns.push_back(name);
      cells.push_back(csv_cell(item.value()));
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

}  // namespace

CsvRow csv_row(const Experiment& experiment, std::size_t point, const Json& record) {
  CsvRow row{{"point"}, {std::to_string(point)}};
  for (const auto& axis : experiment.axes)
    for (const auto& path : axis.paths) row.columns.push_back(path);
  for (const Json& value : experiment.point_values(point)) row.cells.push_back(csv_cell(value));
  // The data's identity; its size is in the result columns already.
  Json data = record["data"];
  for (const char* key : {"checksum_of", "N", "count"}) data.erase(key);
  flatten(data, "data", row.columns, row.cells);
  flatten(record["result"], "", row.columns, row.cells);
  return row;
}

std::string to_csv(const SweepRows& rows) {
  std::string text = csv_line(rows.columns) + "\n";
  for (const auto& [point, cells] : rows.rows) text += csv_line(cells) + "\n";
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
            where + " header", line, "to start with this experiment's columns " + csv_line(expected));
    if (merged.columns.empty()) merged.columns = columns;
    require(columns == merged.columns, where + " header", line,
            "the same as the first file's: " + csv_line(merged.columns));
    while (std::getline(in, line)) {
      auto cells = split(line, ',');
      require(cells.size() == columns.size(), where, line,
              "a row of " + std::to_string(columns.size()) + " cells");
      std::size_t point = 0;
      require(parse_decimal(cells[0], point), where + " point", cells[0], "a point index (decimal digits)");
      require(point < merged.planned, where + " point", point,
              "below the experiment's " + std::to_string(merged.planned) + " points");
      require(merged.rows.count(point) == 0, where + " point", point, "in only one file");
      // The swept values must be this experiment's, not another's with the same columns.
      const auto values = experiment.point_values(point);
      for (std::size_t k = 0; k < values.size(); ++k)
        require(cells[k + 1] == csv_cell(values[k]), where + " point " + std::to_string(point),
                expected[k + 1] + " = " + cells[k + 1],
                "the experiment's value " + csv_cell(values[k]));
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
  Fnv1a64 hash;
  hash.add(to_csv(rows));
  record["csv_fnv1a64"] = hex64(hash.value);
  return record;
}

}  // namespace damlab
