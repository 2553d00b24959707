// Replicate summaries of any sweep (docs/experiments.md, "Replicates of any
// sweep"): the rows of one or more sweep CSVs grouped by the values of some
// columns (e.g. train.memories and model.n), and in each group the mean of
// other columns (e.g. train_error, test_error) over the independent
// replicates with its Student t interval (measures/mean_interval.hpp). A
// replicate is told by a column (e.g. train.seed); a sweep without that
// column counts as one replicate of its own (its fixed seed), and a
// replicate that stands twice in a group is an error, so a sweep pooled
// twice cannot narrow an interval.
//
//   {
//     "name": "overloaded-trained-error-summary",
//     "sweeps": ["overloaded-trained-error", "overloaded-trained-error-seeds"],
//     "group_by": ["train.memories", "model.n"],
//     "replicate": "train.seed",
//     "values": ["train_error", "test_error"],
//     "confidence": 0.95
//   }
//
// A summary spec with "group_by" is this kind; without it, a capacity
// summary (summary.hpp).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "damlab/experiment/json_fields.hpp"

namespace damlab {

struct ReplicateSummarySpec {
  std::string name;
  std::vector<std::string> sweeps, group_by, values;
  std::string replicate;
  double confidence = 0.95;
};

bool is_replicate_summary(const Json& json);
ReplicateSummarySpec parse_replicate_summary_spec(const Json& json);
Json to_json(const ReplicateSummarySpec& spec);

struct ReplicateTables {
  // group_by columns, replicates, then VALUE_mean, VALUE_low, VALUE_high per
  // value; groups in the order they first appear in the sweeps' rows
  std::string summary_csv;
  Json record;  // spec, code version, input checksums
};

// csv_texts: sweep name -> the sweep's CSV (as damlab sweep writes it).
ReplicateTables summarize_replicates(const ReplicateSummarySpec& spec,
                                     const std::map<std::string, std::string>& csv_texts);

}  // namespace damlab
