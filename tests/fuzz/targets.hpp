// Fuzz targets: every parser that takes bytes from outside (files, specs,
// CSVs), fed arbitrary bytes. A target returns normally or throws one of the
// expected typed errors (damlab::InvalidArgument, damlab::DataError), which it
// catches itself; anything else escapes: another exception, a failed
// consistency check (std::logic_error), a crash or a sanitizer report. Used by
// the libFuzzer binaries (fuzz_main.cpp) and by the Google Test that replays
// the committed corpora (tests/fuzz/hostile_input_test.cpp).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace damlab_fuzz {

using Bytes = std::span<const std::uint8_t>;
using Target = void (*)(Bytes);

void idx(Bytes bytes);           // parse_idx, idx_patterns, idx_labels, load_data
void gzip(Bytes bytes);          // the runner's gunzip, then the idx target
void packed_asset(Bytes bytes);  // parse_packed_asset, also with a repaired checksum
void spec(Bytes bytes);          // parse_json_text, parse_experiment, parse_spec, run_spec
void merge(Bytes bytes);         // parse_shard, merge_csv, merge_shards (framed shards)
void output_name(Bytes bytes);   // check_output_name, a spec's name
void selection(Bytes bytes);     // check_selection_budget's advice, greedy/random load_data
void memory_file(Bytes bytes);   // decode_memory_file, also with a repaired checksum
void grey_asset(Bytes bytes);    // parse_grey_asset, also with a repaired checksum

struct NamedTarget {
  const char* name;  // also the corpus folder, tests/fuzz/corpus/<name>
  Target run;
};
const std::vector<NamedTarget>& all_targets();

}  // namespace damlab_fuzz
