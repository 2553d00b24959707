#include "targets.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"
#include "damlab/data/grey_asset.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/data/memory_file.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/data/rng.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "file_bytes.hpp"

namespace damlab_fuzz {

namespace {

// A broken invariant: not an expected error, so it escapes like a crash.
void check(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("fuzz check failed: ") + what);
}

template <typename Body>
void expected_errors_only(Body&& body) {
  try {
    body();
  } catch (const damlab::InvalidArgument&) {
  } catch (const damlab::DataError&) {
  }
}

// gunzip output cap: the limit's code path without 2 GiB runs.
constexpr std::uint64_t max_gunzip_bytes = 1 << 20;

std::uint64_t element_count(const std::vector<std::uint32_t>& dims) {
  std::uint64_t size = 1;
  for (const auto dim : dims) size = dim == 0 ? 0 : size;
  for (const auto dim : dims) size *= dim;
  return size;
}

// The files a fuzzed spec's idx and asset sources read: small, so a run of a
// cheap spec stays cheap. The asset's N = 100 leaves padding bits in its
// last word; its labels are 0..3.
const std::vector<std::uint8_t>& small_asset() {
  static const std::vector<std::uint8_t> bytes = [] {
    damlab::LabeledPatterns data;
    data.patterns = damlab::rademacher(100, 40, 0.6, 7);
    for (std::size_t k = 0; k < 40; ++k) data.labels.push_back(static_cast<std::uint8_t>(k % 4));
    data.source = "fuzz";
    return damlab::pack_asset(data);
  }();
  return bytes;
}

const std::vector<std::uint8_t>& small_idx() {
  static const std::vector<std::uint8_t> bytes = [] {
    std::vector<std::uint8_t> out = {0, 0, 8, 3, 0, 0, 0, 20, 0, 0, 0, 5, 0, 0, 0, 6};
    damlab::Rng rng(3);
    for (int k = 0; k < 20 * 5 * 6; ++k) out.push_back(static_cast<std::uint8_t>(rng.below(256)));
    return out;
  }();
  return bytes;
}

std::span<const std::uint8_t> file_for(const damlab::Spec& spec) {
  if (spec.data.is_asset()) return small_asset();
  if (spec.data.source == damlab::DataSpec::Source::idx) return small_idx();
  return {};
}

// Specs cheap enough to run in one fuzz iteration.
bool cheap(const damlab::Spec& spec) {
  const auto& d = spec.data;
  const auto& p = spec.probe;
  if (d.source == damlab::DataSpec::Source::rademacher && (d.S > 64 || d.N * d.S > 8192)) return false;
  if (d.selection == damlab::DataSpec::Selection::greedy && d.max_candidates > 200) return false;
  return p.trials <= 20 && p.steps <= 10;
}

// An accepted experiment runs, and its CSV merges back to itself.
void run_small_sweep(const damlab::Experiment& experiment) {
  damlab::FileBytes files;
  for (std::size_t point = 0; point < experiment.points(); ++point) {
    const auto spec = damlab::parse_spec(experiment.point_spec(point));
    if (!cheap(spec)) return;
    const auto bytes = file_for(spec);
    files[spec.data.path].assign(bytes.begin(), bytes.end());
  }
  damlab::SweepOptions options;
  options.threads = experiment.points() > 1 ? 2 : 1;
  damlab::SweepRows rows;
  try {
    rows = damlab::run_sweep(experiment, files, options);
  } catch (const damlab::InvalidArgument&) {
    return;  // e.g. probe.K above the data's S, known only once it is loaded
  } catch (const damlab::DataError&) {
    return;
  }
  const std::string csv = damlab::to_csv(rows);
  check(damlab::to_csv(damlab::merge_csv(experiment, {csv})) == csv,
        "a sweep's CSV merges back to itself");
}

void parse_and_repack(Bytes bytes) {
  std::optional<damlab::LabeledPatterns> asset;
  expected_errors_only([&] { asset = damlab::parse_packed_asset(bytes); });
  if (!asset) return;
  check(asset->labels.size() == asset->patterns.size(), "one label per pattern");
  const auto again = damlab::pack_asset(*asset);
  check(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()),
        "an accepted asset packs to the same bytes");
}

void decode_and_encode(Bytes bytes) {
  std::optional<damlab::TrainedMemories> memories;
  expected_errors_only([&] { memories = damlab::decode_memory_file(bytes); });
  if (!memories) return;
  check(memories->weights.size() == memories->memories * memories->width(), "K (N + C) weights");
  const auto again = damlab::encode_memory_file(*memories);
  check(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()),
        "an accepted memory file encodes to the same bytes");
}

void parse_and_repack_grey(Bytes bytes) {
  std::optional<damlab::GreyImages> images;
  expected_errors_only([&] { images = damlab::parse_grey_asset(bytes); });
  if (!images) return;
  check(images->bytes.size() == images->count() * images->pixels, "count × pixels bytes");
  const auto again = damlab::pack_grey_asset(*images);
  check(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()),
        "an accepted grey asset packs to the same bytes");
}

// The bytes with the checksum field at `at` set to the FNV-1a 64 of
// everything from `payload` on, so a mutation reaches the checks after it.
std::vector<std::uint8_t> repaired(Bytes bytes, std::size_t at, std::uint64_t payload) {
  std::vector<std::uint8_t> fixed(bytes.begin(), bytes.end());
  const std::uint64_t sum = damlab::fnv1a64(std::span(fixed).subspan(payload));
  for (int k = 0; k < 8; ++k) fixed[at + k] = static_cast<std::uint8_t>(sum >> (8 * k));
  return fixed;
}

}  // namespace

void memory_file(Bytes bytes) {
  decode_and_encode(bytes);
  if (bytes.size() < damlab::memory_file_header) return;
  decode_and_encode(repaired(bytes, 40, damlab::memory_file_header));
}

void grey_asset(Bytes bytes) {
  parse_and_repack_grey(bytes);
  if (bytes.size() < 32) return;
  std::uint64_t source_length = 0;
  for (int k = 3; k >= 0; --k) source_length = source_length << 8 | bytes[20 + k];
  const std::uint64_t header = 32 + (source_length + 7) / 8 * 8;
  if (header > bytes.size()) return;
  parse_and_repack_grey(repaired(bytes, 24, header));
}

void idx(Bytes bytes) {
  expected_errors_only([&] {
    const auto array = damlab::parse_idx(bytes);
    check(array.data.size() == element_count(array.dims), "data size is the dims' product");
    if (array.dims.size() == 1) {
      check(damlab::idx_labels(array) == array.data, "labels are the data");
      return;
    }
    const auto set = damlab::idx_patterns(array, bytes.back());
    check(set.size() == array.dims[0], "one pattern per item");
  });
  // As a spec's idx source, taking the first 2 items.
  expected_errors_only([&] {
    damlab::DataSpec data;
    data.source = damlab::DataSpec::Source::idx;
    data.path = "fuzz.idx";
    data.first = 2;
    const auto loaded = damlab::load_data(data, bytes);
    check(loaded.patterns.size() == 2, "first = 2 gives 2 patterns");
  });
}

void gzip(Bytes bytes) {
  std::vector<std::uint8_t> out;
  try {
    out = damlab::cli::gunzip(bytes, "fuzz.gz", max_gunzip_bytes);
  } catch (const damlab::DataError&) {
    return;
  }
  check(out.size() <= max_gunzip_bytes, "output within the limit");
  // As a data file: the same bytes, unless an IDX header refuses them or
  // declares fewer (then parse_idx would refuse them too).
  expected_errors_only([&] {
    const auto data = damlab::cli::gunzip(bytes, "fuzz.gz", max_gunzip_bytes,
                                          damlab::cli::Content::data);
    check(data == out, "a data file's gzip output is the plain output");
  });
  idx(out);
}

void packed_asset(Bytes bytes) {
  parse_and_repack(bytes);
  // Nearly every mutation breaks the checksum, which hides every later
  // check: parse the bytes again with the checksum the payload needs.
  if (bytes.size() < 32) return;
  std::vector<std::uint8_t> fixed(bytes.begin(), bytes.end());
  std::uint64_t source_length = 0;
  for (int k = 3; k >= 0; --k) source_length = source_length << 8 | fixed[20 + k];
  const std::uint64_t header = 32 + (source_length + 7) / 8 * 8;
  if (header > fixed.size()) return;
  const std::uint64_t sum = damlab::fnv1a64(std::span(fixed).subspan(header));
  for (int k = 0; k < 8; ++k) fixed[24 + k] = static_cast<std::uint8_t>(sum >> (8 * k));
  parse_and_repack(fixed);
}

void spec(Bytes bytes) {
  const std::string text(bytes.begin(), bytes.end());
  std::optional<damlab::Experiment> experiment;
  expected_errors_only([&] { experiment = damlab::parse_experiment(damlab::parse_json_text(text)); });
  expected_errors_only([&] { damlab::parse_spec_text(text); });
  if (!experiment) return;
  // What an accepted experiment records parses back to the same experiment,
  // and each point's normalized spec (as a record holds it) to itself.
  const auto normalized = experiment->to_json();
  check(damlab::parse_experiment(normalized).to_json() == normalized,
        "the normalized experiment parses to itself");
  const std::size_t points = experiment->points();
  for (const std::size_t point : {std::size_t{0}, points / 2, points - 1}) {
    const auto spec = damlab::parse_spec(experiment->point_spec(point));
    const auto json = damlab::to_json(spec);
    check(damlab::to_json(damlab::parse_spec(json)) == json, "a normalized spec parses to itself");
    if (cheap(spec)) expected_errors_only([&] { damlab::run_spec(spec, file_for(spec)); });
  }
  if (points <= 4) run_small_sweep(*experiment);
}

// Shard texts as damlab merge reads them: first as given (their own frame,
// if any), then each framed with this experiment's binding and a matching
// end line (shard i/N, N the number of texts), so mutations reach the row
// checks behind the frame.
namespace {
void merge_framed(const damlab::Experiment& experiment, const std::vector<std::string>& pieces) {
  const std::vector<std::string> texts(pieces.begin() + 1, pieces.end());
  expected_errors_only([&] { damlab::merge_shards(experiment, texts); });
  std::vector<std::string> framed;
  for (std::size_t f = 0; f < texts.size(); ++f) {
    damlab::Fnv1a64 hash;
    hash.add(texts[f]);
    const auto lines = std::count(texts[f].begin(), texts[f].end(), '\n');
    framed.push_back("# damlab shard " + std::to_string(f) + "/" + std::to_string(texts.size()) +
                     " experiment " + damlab::experiment_checksum(experiment) + "\n" + texts[f] +
                     "# end rows " + std::to_string(lines > 0 ? lines - 1 : 0) + " csv_fnv1a64 " +
                     damlab::hex64(hash.value) + "\n");
  }
  std::optional<damlab::SweepRows> rows;
  expected_errors_only([&] { rows = damlab::merge_shards(experiment, framed); });
  if (!rows) return;
  for (const auto& [point, cells] : rows->rows) {
    check(point < experiment.points() && cells.size() == rows->columns.size(),
          "a merged row is a point of the experiment with every cell");
  }
  if (rows->rows.empty()) return;
  // What merges is what a one-shard run would write, and merges again.
  const damlab::Shard whole;
  const std::string again = damlab::shard_csv(experiment, whole, *rows);
  check(damlab::to_csv(damlab::merge_shards(experiment, {again})) == damlab::to_csv(*rows),
        "merged shards merge back to themselves");
}
}  // namespace

void selection(Bytes bytes) {
  // Bytes 0-1 pick the pool size the budget sees (1 to 2^20), bytes 2-3 N
  // (1 to 2^16); the rest is a spec. The budget's advice must pass and one
  // more must fail; a cheap spec then selects from the small asset, through
  // the same budget check.
  if (bytes.size() < 4) return;
  const std::size_t pool = 1 + (std::size_t{bytes[0]} | std::size_t{bytes[1]} << 8) * 16;
  const std::size_t N = 1 + (std::size_t{bytes[2]} | std::size_t{bytes[3]} << 8);
  const std::string text(bytes.begin() + 4, bytes.end());
  std::optional<damlab::Spec> spec;
  expected_errors_only([&] { spec = damlab::parse_spec_text(text); });
  if (!spec || !spec->data.is_asset()) return;
  damlab::DataSpec data = spec->data;
  try {
    damlab::check_selection_budget(data, N, pool);
  } catch (const damlab::InvalidArgument& e) {
    const std::string message = e.what();
    const auto at = message.rfind("can be at most ");
    check(e.field() == "data.S" && at != std::string::npos, "a budget refusal advises data.S");
    data.S = std::stoull(message.substr(at + 15));
    if (data.S > 0) damlab::check_selection_budget(data, N, pool);  // must pass
    data.S += 1;
    bool refused = false;
    try {
      damlab::check_selection_budget(data, N, pool);
    } catch (const damlab::InvalidArgument&) {
      refused = true;
    }
    check(refused, "one more than the advised data.S is refused");
  }
  if (cheap(*spec)) expected_errors_only([&] { damlab::load_data(spec->data, small_asset()); });
}

void merge(Bytes bytes) {
  // Pieces separated by 0 bytes: a --shard value, then shard CSV texts.
  std::vector<std::string> pieces(1);
  for (const auto byte : bytes) {
    if (byte == 0)
      pieces.emplace_back();
    else
      pieces.back() += static_cast<char>(byte);
  }
  expected_errors_only([&] {
    const auto shard = damlab::parse_shard(pieces.front());
    check(shard.index < shard.count, "a shard index below the count");
  });
  static const damlab::Experiment experiment = damlab::parse_experiment(damlab::parse_json_text(R"({
    "name": "fuzz",
    "data": {"source": "rademacher", "N": 40, "S": 8, "p": 0.5, "seed": 1},
    "model": {"F": "poly", "n": 2},
    "sweep": [{"data.seed": [1, 2, 3]}, {"model.n": [2, 3]}]})"));
  std::optional<damlab::SweepRows> rows;
  expected_errors_only([&] {
    rows = damlab::merge_csv(experiment, {pieces.begin() + 1, pieces.end()});
  });
  if (!rows) return;
  check(rows->rows.size() <= experiment.points(), "at most one row per point");
  const std::string csv = damlab::to_csv(*rows);
  if (!rows->rows.empty())
    check(damlab::to_csv(damlab::merge_csv(experiment, {csv})) == csv,
          "a merged CSV merges back to itself");
  damlab::sweep_record(experiment, *rows);
  merge_framed(experiment, pieces);
}

void output_name(Bytes bytes) {
  const std::string name(bytes.begin(), bytes.end());
  bool accepted = false;
  expected_errors_only([&] {
    damlab::check_output_name(name);
    accepted = true;
  });
  if (accepted) {
    check(!name.empty() && name.size() <= 100 && name != "." && name != ".." &&
              name.find_first_of(std::string("/\\\0", 3)) == std::string::npos,
          "an accepted name is a plain file name");
    const auto path = (std::filesystem::path("out") / (name + ".csv")).lexically_normal();
    check(path.parent_path() == "out", "an accepted name stays in the output folder");
  }
  // The spec's name gets the same verdict, before anything else is read. A
  // spec's strings come through the JSON parser, which accepts only UTF-8:
  // other bytes cannot reach parse_experiment as a name.
  try {
    (void)damlab::Json(name).dump();
  } catch (const damlab::Json::type_error&) {
    return;
  }
  damlab::Json spec = damlab::Json::object();
  spec["name"] = name;
  spec["data"] = {{"source", "rademacher"}, {"N", 8}, {"S", 2}, {"p", 0.5}};
  std::string field = "(accepted)";
  try {
    check(damlab::parse_experiment(spec).name == name, "the experiment keeps its name");
  } catch (const damlab::InvalidArgument& e) {
    field = e.field();
  }
  check(accepted == (field == "(accepted)") || (name.empty() && field == "(accepted)"),
        "a spec's name is refused exactly when the name check refuses it (\"\" is no name)");
  check(field == "(accepted)" || field == "name", "a refused name names the field");
}

const std::vector<NamedTarget>& all_targets() {
  static const std::vector<NamedTarget> targets = {
      {"idx", idx}, {"gzip", gzip}, {"packed_asset", packed_asset}, {"spec", spec}, {"merge", merge},
      {"output_name", output_name}, {"selection", selection}, {"memory_file", memory_file},
      {"grey_asset", grey_asset}};
  return targets;
}

}  // namespace damlab_fuzz
