// Replicate summaries of capacity sweeps (docs/experiments.md, "Summaries"):
// the sets of one or more sweep CSVs grouped by data set, Kmax mode, degree
// and HD bucket, each group's mean Kmax with its Student t interval
// (measures/mean_interval.hpp), the gap log2(a / b) between two data sets at
// equal HD with Welch's interval, and the App. A.1 fit of ln Kmax on HD with
// the rate's interval. Texts in, texts out, so the runner and the WebAssembly
// module give the same tables.
//
//   {
//     "name": "fig2-summary",
//     "sweeps": {"artificial": ["fig2-artificial", "fig2-artificial-buckets"],
//                "MNIST": "fig2-mnist"},     (a label's sets: one sweep or several)
//     "buckets": {"centers": [60, 90, 120], "half_width": 10},
//     "kmax": "binary",          (the paper's; or "exact")
//     "censored": "exclude",     (the paper's; or "as_s": counted at Kmax = S)
//     "hd": "first_kmax",        (the paper's; or "whole_set")
//     "confidence": 0.95,
//     "gap": ["MNIST", "artificial"],   (optional)
//     "fit": false                      (optional: the App. A.1 fit)
//   }
//
// A bucket holds the sets with center - half_width <= HD < center +
// half_width ("centers" a list, or {"from", "to", "step"}). Under "hd":
// "first_kmax" a set whose Kmax < 2 has no HD (no pair) and falls in no
// bucket; the record counts them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"

namespace damlab {

struct SummarySpec {
  std::string name;
  // label, its sweeps' names (their rows pooled)
  std::vector<std::pair<std::string, std::vector<std::string>>> sweeps;
  std::vector<double> centers;
  double half_width = 10;
  enum class Kmax { binary, exact };
  Kmax kmax = Kmax::binary;
  bool exclude_censored = true;
  bool hd_first_kmax = true;
  double confidence = 0.95;
  std::vector<std::string> gap;  // {numerator label, denominator label} or empty
  bool fit = false;
};

SummarySpec parse_summary_spec(const Json& json);
Json to_json(const SummarySpec& spec);

struct SummaryTables {
  std::string summary_csv;  // one row per label, mode, n, bucket
  std::string gap_csv;      // empty unless the spec asks for a gap
  std::string fit_csv;      // empty unless the spec asks for the fit
  Json record;              // spec, code version, input checksums, sets without an HD
};

// csv_texts: sweep name -> the sweep's CSV (as damlab sweep writes it).
SummaryTables summarize(const SummarySpec& spec,
                        const std::map<std::string, std::string>& csv_texts);

}  // namespace damlab
