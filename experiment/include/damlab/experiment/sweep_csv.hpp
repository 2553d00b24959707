// The CSV of a sweep: one cell per value, one row per point, the merge of
// shard CSVs and the record that identifies the table by its checksum.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/sweep.hpp"

namespace damlab {

// A cell: numbers in their shortest exact form, null as empty, a list of
// numbers as [a;b] (a comma would split the cell); anything else is an error
// naming field.
std::string csv_cell(const Json& value, const std::string& field = "csv cell");

// Cells joined by commas.
std::string csv_line(const std::vector<std::string>& cells);

// Decimal digits only, into value: stoul would also take " 1", "+1", "1x"
// and "-1" (as 2^64 - 1).
bool parse_decimal(const std::string& text, std::size_t& value);

// The row of one point: its index, its axis values, the record's data
// identity and its result, flattened (data.checksum -> data_checksum).
struct CsvRow {
  std::vector<std::string> columns, cells;
};
CsvRow csv_row(const Experiment& experiment, std::size_t point, const Json& record);

// CSV text (header + rows in point order); cells hold no commas or quotes.
std::string to_csv(const SweepRows& rows);
// Rows of several CSVs of one experiment, each row checked in full: its cell
// count, its point (canonical decimal, in range, in only one file), its swept
// values (the experiment's for that point) and every cell well-formed (what
// csv_cell writes; a column of lists or of true/false stays so). names name
// the texts in errors (default "csv 1", "csv 2", ...), whose line numbers
// are counted from line_offset + 1.
SweepRows merge_csv(const Experiment& experiment, const std::vector<std::string>& csv_texts,
                    const std::vector<std::string>& names = {}, std::size_t line_offset = 0);

// The experiment's identity: FNV-1a 64 of its normalized JSON, as hex.
std::string experiment_checksum(const Experiment& experiment);

// A shard's CSV: the CSV framed by a first line binding it to its
// experiment and shard, "# damlab shard i/N experiment <checksum>", and a
// last line "# end rows <count> csv_fnv1a64 <checksum of the CSV between>",
// so merge_shards refuses another experiment's shard, a cut or edited one.
std::string shard_csv(const Experiment& experiment, const Shard& shard, const SweepRows& rows);
// Rows of shard CSVs (as shard_csv writes them) of this experiment: each
// file's frame checked (experiment, shard i/N common to all, rows and
// checksum), each row as merge_csv checks it and owned by its file's shard.
SweepRows merge_shards(const Experiment& experiment, const std::vector<std::string>& texts,
                       const std::vector<std::string>& names = {});

// The record of a sweep: experiment, code version, completeness and the CSV's
// checksum. It depends only on the experiment and the rows, so a merged run
// records exactly what a single run records.
Json sweep_record(const Experiment& experiment, const SweepRows& rows);

}  // namespace damlab
