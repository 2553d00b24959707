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
//     "gap": ["MNIST", "artificial"],   (optional; or a list of such pairs)
//     "fit": false,                     (optional: the App. A.1 fit)
//     "drift": false,                   (optional: the HD drift table)
//     "max_drift": {"MNIST": 3}         (optional: bits per label, see below)
//   }
//
// The drift of a set (under a Kmax mode) is the mean pairwise HD of its
// first Kmax patterns minus that of all its S patterns: where the HD the
// paper plots moves away from the HD the set was built for. "drift": true
// writes its mean per data set, mode and n; "max_drift": {label: d} leaves
// that label's sets with |drift| > d out of every bucket and fit (counted in
// the record).
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
  // {numerator label, denominator label} pairs; gap_list: given as a list of
  // pairs (written back so) rather than one pair
  std::vector<std::pair<std::string, std::string>> gaps;
  bool gap_list = false;
  bool fit = false;
  bool drift = false;
  std::map<std::string, double> max_drift;  // label -> bits; absent: no limit
};

SummarySpec parse_summary_spec(const Json& json);
Json to_json(const SummarySpec& spec);

struct SummaryTables {
  std::string summary_csv;  // one row per label, mode, n, bucket
  std::string gap_csv;      // empty unless the spec asks for a gap
  std::string fit_csv;      // empty unless the spec asks for the fit
  std::string drift_csv;    // empty unless the spec asks for the drift
  Json record;              // spec, code version, input checksums, sets without an HD
                            // (and beyond max_drift)
};

// csv_texts: sweep name -> the sweep's CSV (as damlab sweep writes it).
SummaryTables summarize(const SummarySpec& spec,
                        const std::map<std::string, std::string>& csv_texts);

}  // namespace damlab
