#include "damlab/experiment/summary_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace damlab {

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    cells.push_back(line.substr(start, comma - start));
    if (comma == std::string::npos) return cells;
    start = comma + 1;
  }
}

}  // namespace

std::size_t SummaryTable::column(const std::string& name, const std::string& sweep,
                                 const std::string& expected) const {
  const auto it = std::find(header.begin(), header.end(), name);
  require(it != header.end(), "sweeps." + sweep, "a CSV without column " + name, expected);
  return static_cast<std::size_t>(it - header.begin());
}

bool SummaryTable::has(const std::string& name) const {
  return std::find(header.begin(), header.end(), name) != header.end();
}

SummaryTable read_summary_table(const std::string& text, const std::string& sweep) {
  SummaryTable table;
  std::istringstream in(text);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    auto cells = split(line);
    if (table.header.empty()) {
      table.header = std::move(cells);
      continue;
    }
    require(cells.size() == table.header.size(), "sweeps." + sweep,
            "line " + std::to_string(number) + " with " + std::to_string(cells.size()) +
                " cells",
            "as many cells as the header (" + std::to_string(table.header.size()) + ")");
    table.rows.push_back(std::move(cells));
    table.lines.push_back(number);
  }
  require(!table.rows.empty(), "sweeps." + sweep, "a CSV without rows", "a sweep's CSV");
  return table;
}

double number_cell(const std::string& cell, const std::string& field) {
  if (cell.empty()) return std::nan("");
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(cell, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  require(used == cell.size() && used > 0, field, "\"" + cell.substr(0, 40) + "\"", "a number");
  return value;
}

std::string summary_cell(double value) {
  if (!std::isfinite(value)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

Json summary_input(const SummaryTable& table, const std::string& csv_text) {
  Fnv1a64 hash;
  hash.add(csv_text);
  return {{"rows", table.rows.size()}, {"csv_fnv1a64", hex64(hash.value)}};
}

}  // namespace damlab
