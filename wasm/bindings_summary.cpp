// Replicate summaries (experiment/summary.hpp) in JS: a page summarizes the
// rows of its capacity sweeps with the same means, intervals and gaps as
// `damlab summarize`, instead of computing statistics of its own.
#include <map>
#include <string>

#include "bindings.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/summary.hpp"

namespace damlab::wasm {

namespace {

// summarizeSweeps(spec, csvs): spec the summary spec as JSON text, csvs an
// object {sweep name: CSV text as damlab sweep writes it}. Returns {summary,
// gap, fit} (CSV texts; gap and fit "" unless asked for) and record (JSON
// text).
val summarize_sweeps(val spec_arg, val csvs_arg) {
  return guard([&] {
    const val spec_text = take(spec_arg);
    const val csvs = take(csvs_arg);
    require(spec_text.isString(), "summary", describe(spec_text), "a string of JSON");
    const SummarySpec spec = parse_summary_spec(parse_json_text(spec_text.as<std::string>()));
    std::map<std::string, std::string> texts;
    for (const auto& [label, names] : spec.sweeps)
      for (const std::string& name : names) {
        const val text = js_get(csvs, name);
        require(text.isString(), "csvs." + name, describe(text), "the sweep's CSV text");
        texts[name] = text.as<std::string>();
      }
    const SummaryTables tables = summarize(spec, texts);
    val out = val::object();
    out.set("summary", tables.summary_csv);
    out.set("gap", tables.gap_csv);
    out.set("fit", tables.fit_csv);
    out.set("record", tables.record.dump());
    return out;
  });
}

}  // namespace

EMSCRIPTEN_BINDINGS(damlab_summary) {
  emscripten::function("summarizeSweeps", &summarize_sweeps);
}

}  // namespace damlab::wasm
