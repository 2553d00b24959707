// Sweep grid expansion (experiment/grid.hpp): the points of an experiment
// file as concrete specs, so a page runs a paper's sweep from the experiment
// file itself rather than from its own copy of the range rules.
#include "bindings.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/sweep_csv.hpp"

namespace damlab::wasm {

namespace {

val from_json(const Json& json) { return val::global("JSON").call<val>("parse", json.dump()); }

// {name, columns: the swept paths in column order, points: [{spec, values}]}:
// every point's spec (validated by the core) and its axis values, in point
// order (the last axis varying fastest), as `damlab sweep` runs them.
val expand_experiment(val text_arg) {
  return guard([&] {
    const val text = take(text_arg);
    require(text.isString(), "experiment", describe(text), "a string of JSON");
    const Experiment experiment = parse_experiment(parse_json_text(text.as<std::string>()));
    val columns = val::array();
    for (const auto& axis : experiment.axes)
      for (const auto& path : axis.paths) columns.call<void>("push", path);
    val points = val::array();
    for (std::size_t point = 0; point < experiment.points(); ++point) {
      val entry = val::object();
      entry.set("spec", from_json(experiment.point_spec(point)));
      entry.set("values", from_json(Json(experiment.point_values(point))));
      points.call<void>("push", entry);
    }
    val out = val::object();
    out.set("name", experiment.name);
    out.set("columns", columns);
    out.set("points", points);
    return out;
  });
}

// sweepCsv(experiment, records): the CSV `damlab sweep` writes for this
// experiment, from the records of its points (JSON texts, in point order),
// so a page that ran the points itself hands summarizeSweeps the same table.
std::string sweep_csv_text(val text_arg, val records_arg) {
  return guard([&] {
    const val text = take(text_arg);
    const val records = take(records_arg);
    require(text.isString(), "experiment", describe(text), "a string of JSON");
    const Experiment experiment = parse_experiment(parse_json_text(text.as<std::string>()));
    require(records.isArray(), "records", describe(records), "an array of JSON texts");
    const std::size_t count = records["length"].as<std::size_t>();
    require(count == experiment.points(), "records", std::to_string(count) + " records",
            "one per point of the experiment (" + std::to_string(experiment.points()) + ")");
    SweepRows rows;
    rows.planned = count;
    for (std::size_t point = 0; point < count; ++point) {
      const val record = records[point];
      require(record.isString(), "records[" + std::to_string(point) + "]", describe(record),
              "a string of JSON");
      CsvRow row = csv_row(experiment, point, parse_json_text(record.as<std::string>()));
      if (rows.columns.empty()) rows.columns = row.columns;
      require(row.columns == rows.columns, "records[" + std::to_string(point) + "]",
              "other columns", "a row with the columns of the other points: " + csv_line(rows.columns));
      rows.rows[point] = std::move(row.cells);
    }
    return to_csv(rows);
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_experiment) {
  emscripten::function("expandExperiment", &expand_experiment);
  emscripten::function("sweepCsv", &sweep_csv_text);
}

}  // namespace damlab::wasm
