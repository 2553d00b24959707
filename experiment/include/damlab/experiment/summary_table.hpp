// A sweep's CSV as the summaries read it (damlab sweep writes no quotes or
// commas inside cells), the cells they write, and the record of their
// inputs. Shared by the capacity summary (summary.hpp) and the replicate
// summary (replicate_summary.hpp).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"

namespace damlab {

struct SummaryTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::size_t> lines;  // each row's line number in the CSV
  // The column's index; an error naming the sweep and what it should be
  // (expected) when the CSV has no such column.
  std::size_t column(const std::string& name, const std::string& sweep,
                     const std::string& expected) const;
  bool has(const std::string& name) const;
};

// sweep names the CSV in errors ("sweeps.<sweep>"); a CSV without rows is one.
SummaryTable read_summary_table(const std::string& text, const std::string& sweep);

// A cell as a number; an empty cell is NaN; anything else is an error naming field.
double number_cell(const std::string& cell, const std::string& field);

// Six significant digits (the intervals are not exact to more, and a last ulp
// of lgamma may differ between C libraries); NaN and infinities as empty.
std::string summary_cell(double value);

// {sweep: {rows, csv_fnv1a64}} for the record of a summary.
Json summary_input(const SummaryTable& table, const std::string& csv_text);

}  // namespace damlab
