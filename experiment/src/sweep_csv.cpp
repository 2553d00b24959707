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
  // (A train record's data source is free text, kept in its JSON record.)
  for (const char* key : {"checksum_of", "N", "count", "source"}) data.erase(key);
  flatten(data, "data", row.columns, row.cells);
  flatten(record["result"], "", row.columns, row.cells);
  return row;
}

std::string to_csv(const SweepRows& rows) {
  std::string text = csv_line(rows.columns) + "\n";
  for (const auto& [point, cells] : rows.rows) text += csv_line(cells) + "\n";
  return text;
}

namespace {

// What csv_cell writes for a cell: ' ' (empty: null), 'b' (true/false), '['
// (a list of numbers), 'n' (a number in its shortest form) or 't' (text; a
// number not in shortest form, like a profile "0110", is text); '?' for
// what csv_cell never writes (a quote, a carriage return, a malformed list).
char cell_kind(const std::string& cell) {
  if (cell.empty()) return ' ';
  if (cell == "true" || cell == "false") return 'b';
  if (cell.find_first_of("\"\r") != std::string::npos) return '?';
  if (cell.front() == '[' && cell.back() == ']' && cell.size() >= 2 &&
      cell.find_first_not_of("0123456789+-.eE;", 1) == cell.size() - 1) {
    // Only number characters between the brackets, so the JSON parser never
    // sees nesting; other bracketed text (a file name, say) is text.
    std::string json = cell;
    std::replace(json.begin(), json.end(), ';', ',');
    const Json list = Json::parse(json, nullptr, false);
    bool numbers = !list.is_discarded() && list.is_array();
    if (numbers)
      for (const auto& item : list) numbers = numbers && item.is_number();
    return numbers && csv_cell(list) == cell ? '[' : '?';
  }
  if (cell.find_first_not_of("0123456789+-.eE") == std::string::npos) {
    const Json number = Json::parse(cell, nullptr, false);
    if (!number.is_discarded() && number.is_number() && csv_cell(number) == cell) return 'n';
  }
  return 't';
}



}  // namespace

SweepRows merge_csv(const Experiment& experiment, const std::vector<std::string>& csv_texts,
                    const std::vector<std::string>& names, std::size_t line_offset) {
  SweepRows merged;
  merged.planned = experiment.points();
  std::vector<std::string> expected = {"point"};
  for (const auto& axis : experiment.axes)
    expected.insert(expected.end(), axis.paths.begin(), axis.paths.end());
  const auto line_of = [&](std::size_t line) { return "line " + std::to_string(line + line_offset); };
  std::vector<char> kinds;  // per column: ' ' none yet, 'b' or '[' fixed, else any
  for (std::size_t f = 0; f < csv_texts.size(); ++f) {
    const std::string where = f < names.size() ? names[f] : "csv " + std::to_string(f + 1);
    const std::string& text = csv_texts[f];
    // A text cut inside its last row has no final line break.
    require(!text.empty() && text.back() == '\n', where, "no final line break",
            "a CSV whose every line, the last included, ends in a line break");
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    // The header is not shown: the file may be any file.
    const auto columns = split(line, ',');
    require(columns.size() > expected.size() &&
                std::equal(expected.begin(), expected.end(), columns.begin()),
            where + " header", line_of(1), "to start with this experiment's columns " + csv_line(expected));
    if (merged.columns.empty()) {
      merged.columns = columns;
      kinds.assign(columns.size(), ' ');
    }
    require(columns == merged.columns, where + " header", line_of(1),
            "the same as the first file's: " + csv_line(merged.columns));
    for (std::size_t number = 2; std::getline(in, line); ++number) {
      auto cells = split(line, ',');
      require(cells.size() == columns.size(), where, line_of(number) + ": " + std::to_string(cells.size()) + " cells",
              "a row of " + std::to_string(columns.size()) + " cells");
      std::size_t point = 0;
      require(parse_decimal(cells[0], point) && std::to_string(point) == cells[0], where + " point",
              cells[0] + " (" + line_of(number) + ")", "a point index (decimal digits, no leading zero)");
      require(point < merged.planned, where + " point", point,
              "below the experiment's " + std::to_string(merged.planned) + " points");
      require(merged.rows.count(point) == 0, where + " point", point, "in only one file");
      // The swept values must be this experiment's, not another's with the same columns.
      const auto values = experiment.point_values(point);
      for (std::size_t k = 0; k < values.size(); ++k)
        require(cells[k + 1] == csv_cell(values[k]), where + " point " + std::to_string(point),
                expected[k + 1] + " = " + cells[k + 1],
                "the experiment's value " + csv_cell(values[k]));
      for (std::size_t c = expected.size(); c < cells.size(); ++c) {
        const char kind = cell_kind(cells[c]);
        const std::string field = where + " point " + std::to_string(point) + " " + columns[c];
        require(kind != '?', field, line_of(number),
                "a cell as damlab writes it: empty, a number, true/false, [a;b] or text "
                "without quotes");
        const bool fixed = kinds[c] == 'b' || kinds[c] == '[';
        require(kind == ' ' || kinds[c] == ' ' || (fixed ? kind == kinds[c] : kind != 'b' && kind != '['),
                field, line_of(number), "of the kind of the column's other cells");
        if (kinds[c] == ' ' && kind != ' ') kinds[c] = kind;
      }
      merged.rows[point] = std::move(cells);
    }
  }
  return merged;
}

std::string experiment_checksum(const Experiment& experiment) {
  Fnv1a64 hash;
  hash.add(experiment.to_json().dump());
  return hex64(hash.value);
}

namespace {
const std::string shard_mark = "# damlab shard ";
const std::string end_mark = "# end rows ";

std::string csv_checksum(const std::string& csv) {
  Fnv1a64 hash;
  hash.add(csv);
  return hex64(hash.value);
}
}  // namespace

std::string shard_csv(const Experiment& experiment, const Shard& shard, const SweepRows& rows) {
  const std::string csv = to_csv(rows);
  return shard_mark + std::to_string(shard.index) + "/" + std::to_string(shard.count) +
         " experiment " + experiment_checksum(experiment) + "\n" + csv + end_mark +
         std::to_string(rows.rows.size()) + " csv_fnv1a64 " + csv_checksum(csv) + "\n";
}

SweepRows merge_shards(const Experiment& experiment, const std::vector<std::string>& texts,
                       const std::vector<std::string>& names) {
  const std::string checksum = experiment_checksum(experiment);
  const auto line_of = [](std::size_t line) { return "line " + std::to_string(line); };
  std::vector<std::string> bodies, where;
  std::vector<Shard> shards;
  for (std::size_t f = 0; f < texts.size(); ++f) {
    where.push_back(f < names.size() ? names[f] : "csv " + std::to_string(f + 1));
    const std::string& text = texts[f];
    // First line: the binding. Nothing of the file is shown: it may be any file.
    const std::size_t first_end = text.find('\n');
    const std::string first = text.substr(0, std::min(first_end, std::size_t{200}));
    const std::size_t space = first.find(' ', shard_mark.size());
    const std::string tail = " experiment " + checksum;
    require(first_end != std::string::npos && first.rfind(shard_mark, 0) == 0 &&
                space != std::string::npos && first.substr(space) == tail,
            where[f], line_of(1),
            "\"" + shard_mark + "i/N" + tail +
                "\": a shard written by damlab sweep --shard of this experiment (a shard of "
                "another experiment has another checksum)");
    shards.push_back(parse_shard(first.substr(shard_mark.size(), space - shard_mark.size())));
    require(shards[f].count == shards[0].count, where[f], line_of(1) + ": shard of " + std::to_string(shards[f].count),
            "a shard of " + std::to_string(shards[0].count) + " like the first file's");
    // Last line: row count and checksum of the CSV between, so a cut or
    // edited shard is refused.
    const std::size_t last_start =
        text.size() >= 2 ? text.rfind('\n', text.size() - 2) : std::string::npos;
    const std::string last = last_start == std::string::npos || text.back() != '\n'
                                 ? ""
                                 : text.substr(last_start + 1, text.size() - last_start - 2);
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    require(last.rfind(end_mark, 0) == 0 && last_start > first_end, where[f], "its last line",
            "\"" + end_mark + "<count> csv_fnv1a64 <checksum>\": a shard cut short lacks it");
    const std::string body = text.substr(first_end + 1, last_start - first_end);
    const std::string expected_end =
        end_mark + std::to_string(lines - 3) + " csv_fnv1a64 " + csv_checksum(body);
    require(last == expected_end, where[f], line_of(lines) + " (the end line)",
            "\"" + expected_end + "\": the rows and checksum of the CSV above it (a row was cut, "
            "added or edited)");
    bodies.push_back(body);
  }
  // Line numbers as in the files, below their first line.
  SweepRows merged = merge_csv(experiment, bodies, where, 1);
  // Each row in the file of its shard.
  for (std::size_t f = 0; f < bodies.size(); ++f) {
    const SweepRows own = merge_csv(experiment, {bodies[f]}, {where[f]}, 1);
    for (const auto& [point, cells] : own.rows)
      require(shards[f].owns(point), where[f] + " point", point,
              "a point of shard " + std::to_string(shards[f].index) + "/" +
                  std::to_string(shards[f].count));
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
  // Only a failed sweep has it: the point that failed and why.
  if (rows.failure) record["error"] = rows.failure_message;
  Fnv1a64 hash;
  hash.add(to_csv(rows));
  record["csv_fnv1a64"] = hex64(hash.value);
  return record;
}

}  // namespace damlab
