// Hostile inputs: the committed fuzz corpora replayed through the fuzz
// targets (so the normal and sanitizer suites run them too), and one test per
// bug the fuzzers or a review found, named after what used to go wrong.
#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "targets.hpp"
#include "damlab/util/error.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "file_bytes.hpp"

namespace {

using Bytes = std::vector<std::uint8_t>;
using damlab::Json;

Bytes read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The field of the InvalidArgument call() throws, with its message checked
// for every fragment; "(no error)" when it throws nothing.
template <typename Call>
std::string invalid_field(Call&& call, const std::vector<std::string>& fragments = {}) {
  try {
    call();
  } catch (const damlab::InvalidArgument& e) {
    for (const auto& fragment : fragments)
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
          << "'" << fragment << "' missing from: " << e.what();
    return e.field();
  }
  return "(no error)";
}

TEST(FuzzCorpus, EveryCommittedInputGivesOnlyTypedErrors) {
  std::size_t inputs = 0;
  for (const auto& target : damlab_fuzz::all_targets()) {
    const std::filesystem::path folder = std::filesystem::path(DAMLAB_FUZZ_CORPUS) / target.name;
    ASSERT_TRUE(std::filesystem::is_directory(folder)) << folder;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      const Bytes bytes = read(entry.path());
      SCOPED_TRACE(entry.path().string());
      EXPECT_NO_THROW(target.run(bytes));
      ++inputs;
    }
  }
  EXPECT_GT(inputs, 50u);
}

// nlohmann::json reports 1e400 as out_of_range, not parse_error, and it
// escaped as an unexpected error (exit code 1).
TEST(HostileSpec, NumberOutOfRangeIsInvalidJson) {
  EXPECT_EQ(invalid_field([] { damlab::parse_json_text(R"({"data": {"N": 1e400}})"); },
                          {"not valid JSON"}),
            "spec");
}

// Copying and printing JSON recurse per level: a million '[' crashed the
// runner with a stack overflow.
TEST(HostileSpec, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep = std::string(1000000, '[') + std::string(1000000, ']');
  EXPECT_EQ(invalid_field([&] { damlab::parse_json_text(deep); }, {"nested more than 64"}), "spec");
  const std::string fine = std::string(64, '[') + std::string(64, ']');
  EXPECT_NO_THROW(damlab::parse_json_text(fine));
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_NO_THROW(damlab::parse_json_text("[\"\\\"" + std::string(100, '[') + "\"]"));
}

// The normalized spec of an idx source without "first" says "first": null,
// which did not parse back: a record's spec could not be run again.
TEST(HostileSpec, NormalizedIdxSpecParsesBack) {
  const auto spec = damlab::parse_spec_text(R"({"data": {"source": "idx", "path": "a.idx"}})");
  const Json normalized = damlab::to_json(spec);
  EXPECT_TRUE(normalized["data"]["first"].is_null());
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(normalized)), normalized);
}

TEST(HostileSpec, LongListsAndPathsAreRefused) {
  Json classes = Json::array();
  for (int k = 0; k < 257; ++k) classes.push_back(k % 10);
  EXPECT_EQ(invalid_field([&] {
              damlab::parse_spec({{"data", {{"source", "mnist"}, {"classes", classes}}}});
            }),
            "data.classes");
  EXPECT_EQ(invalid_field([] {
              damlab::parse_spec(
                  {{"data", {{"source", "idx"}, {"path", std::string(5000, 'a')}}}});
            }),
            "data.path");
  EXPECT_EQ(invalid_field([] {
              damlab::parse_spec({{"measure", "convergence"},
                                  {"data", {{"source", "mnist"}}},
                                  {"probe", {{"epsilons", std::vector<double>(101, 0.1)}}}});
            }),
            "probe.epsilons");
}

damlab::Experiment experiment(const std::string& sweep,
                              const std::string& data = R"({"source": "rademacher", "N": 20, "S": 5, "p": 0.5})") {
  return damlab::parse_experiment(
      damlab::parse_json_text(R"({"name": "e", "data": )" + data + R"(, "sweep": )" + sweep + "}"));
}

// from + k * step overflowed a signed 64-bit integer (undefined behaviour).
TEST(HostileSweep, IntegerRangesStayWithin2To53) {
  EXPECT_EQ(invalid_field([] {
              experiment(R"([{"data.seed": {"from": 9223372036854775000, "to": 9223372036854778000.0, "step": 1000}}])");
            },
                          {"within ±2^53"}),
            "sweep.data.seed");
  EXPECT_EQ(experiment(R"([{"data.seed": {"from": 9007199254740980, "to": 9007199254740990, "step": 5}}])")
                .points(),
            3u);
}

// A few kB of sweep text built tens of millions of values (hundreds of MB)
// before the point count was checked.
TEST(HostileSweep, ValuesAndPointsAreCountedBeforeTheyAreBuilt) {
  Json paths = Json::object();
  for (int k = 0; k < 12; ++k) paths["data.x" + std::to_string(k)] = {{"from", 0}, {"to", 99998}, {"step", 1}};
  EXPECT_EQ(invalid_field([&] { experiment("[" + paths.dump() + "]"); }, {"1000000 values in all"}),
            "sweep.data.x10");
  const std::string axis = R"({"data.seed": {"from": 0, "to": 99, "step": 1}})";
  EXPECT_EQ(invalid_field([&] { experiment("[" + axis + "," + axis + "," + axis + "]"); },
                          {"1000000 points after sweep[2]", "at most 100000 points"}),
            "sweep");
}

// A sweep over a list-valued field wrote cells like "[1,2]", whose comma
// split the row; `damlab merge` then refused the CSV.
TEST(HostileSweep, ListValuesFitOneCellAndMergeBack) {
  const auto e = experiment(R"([{"data.classes": [[1, 2], [3]]}])",
                            R"({"source": "mnist", "S": 5})");
  damlab::SweepRows rows;
  rows.columns = {"point", "data.classes", "x"};
  rows.rows[0] = {"0", "[1;2]", "7"};
  rows.rows[1] = {"1", "[3]", "8"};
  rows.planned = 2;
  const std::string csv = damlab::to_csv(rows);
  EXPECT_EQ(damlab::to_csv(damlab::merge_csv(e, {csv})), csv);
  // Objects and strings with separators are refused when the sweep is read.
  EXPECT_EQ(invalid_field([] { experiment(R"([{"data.p": [{"a": 1}]}])"); }), "sweep.data.p");
  EXPECT_EQ(invalid_field([] { experiment(R"([{"data.path": ["a,b"]}])"); }), "sweep.data.path");
  // ε values name the D_c columns: rows with other lists would not share a header.
  EXPECT_EQ(invalid_field([] { experiment(R"([{"probe.epsilons": [[0.1], [0.1, 0.2]]}])"); }),
            "sweep path");
}

// Sweeping into a section that is not an object threw nlohmann's type_error
// (an unexpected error, exit code 1).
TEST(HostileSweep, SectionThatIsNotAnObject) {
  EXPECT_EQ(invalid_field([] {
              damlab::parse_experiment(
                  damlab::parse_json_text(R"({"data": "s", "sweep": [{"data.p": [0.5]}]})"));
            }),
            "data");
}

TEST(HostileMerge, PointsAreDigitsAndValuesAreTheExperiments) {
  const auto e = experiment(R"([{"data.seed": [1, 2, 3]}])");
  const std::string header = "point,data.seed,x\n";
  EXPECT_EQ(damlab::merge_csv(e, {header + "1,2,5\n"}).rows.size(), 1u);
  // stoul took "1x" as 1 and "-1" as 2^64 - 1.
  for (const std::string point : {"1x", " 1", "+1", "-1", ""})
    EXPECT_EQ(invalid_field([&] { damlab::merge_csv(e, {header + point + ",2,5\n"}); }),
              "csv 1 point")
        << point;
  // A shard of another experiment with the same columns.
  EXPECT_EQ(invalid_field([&] { damlab::merge_csv(e, {header + "1,7,5\n"}); },
                          {"data.seed = 7", "experiment's value 2"}),
            "csv 1 point 1");
  for (const std::string shard : {"+1/3", " 1/3", "1/ 3", "1/3x", "/3", "1/"})
    EXPECT_EQ(invalid_field([&] { damlab::parse_shard(shard); }), "shard") << shard;
}

// gzip data of `size` zero bytes (or of prefix, then zeros up to size).
Bytes gzip_zeros(std::size_t size, const Bytes& prefix = {}) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  Bytes in(size, 0), out(deflateBound(&stream, size));
  std::copy(prefix.begin(), prefix.end(), in.begin());
  stream.next_in = in.data();
  stream.avail_in = static_cast<uInt>(in.size());
  stream.next_out = out.data();
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string gunzip_error(const Bytes& bytes, std::uint64_t limit,
                         damlab::cli::Content content = damlab::cli::Content::any) {
  try {
    damlab::cli::gunzip(bytes, "x.gz", limit, content);
  } catch (const damlab::DataError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(HostileGzip, BombsStopAtTheLimitAndDamageIsADataError) {
  const Bytes bomb = gzip_zeros(8 << 20);  // 8 MiB in about 8 kB
  ASSERT_LT(bomb.size(), 20000u);
  EXPECT_NE(gunzip_error(bomb, 1 << 20).find("decompresses to more than 1048576 bytes (the limit)"),
            std::string::npos);
  EXPECT_EQ(damlab::cli::gunzip(bomb, "x.gz", 8 << 20).size(), std::size_t{8} << 20);
  Bytes truncated(bomb.begin(), bomb.end() - 10);
  EXPECT_NE(gunzip_error(truncated, 16 << 20).find("corrupt gzip file 'x.gz': truncated"),
            std::string::npos);
  Bytes junk = bomb;
  junk.push_back('j');
  EXPECT_NE(gunzip_error(junk, 16 << 20).find("1 bytes after the compressed data"), std::string::npos);
  EXPECT_NE(gunzip_error({0x1f, 0x8b}, 16).find("corrupt gzip file"), std::string::npos);
}

// A data file that is neither IDX nor a packed asset stops after the first
// chunk, not at the limit; a packed asset stops at the size its header
// declares (here 32 + 10 × 13 × 8 + 10 = 1082 bytes).
TEST(HostileGzip, DataThatIsNoDataFileStopsAtOnce) {
  const auto data = damlab::cli::Content::data;
  const Bytes text = gzip_zeros(8 << 20, Bytes{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'});
  EXPECT_NE(gunzip_error(text, 1u << 31, data).find("'x.gz' decompresses to neither an IDX file"),
            std::string::npos);
  // Any bytes (a spec, a shard) are read to the limit as before.
  EXPECT_EQ(damlab::cli::gunzip(text, "x.gz", 8 << 20).size(), std::size_t{8} << 20);
  const Bytes header = {'D', 'A', 'M', 'L', 'A', 'B', 'P', 0, 1, 0, 0, 0, 0x10, 0x03, 0, 0,
                        10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  EXPECT_NE(gunzip_error(gzip_zeros(8 << 20, header), 1u << 31, data)
                .find("decompresses to more than 1082 bytes, the size its packed-asset header declares"),
            std::string::npos);
  Bytes version2 = header;
  version2[8] = 2;
  EXPECT_NE(gunzip_error(gzip_zeros(8 << 20, version2), 1u << 31, data)
                .find("'x.gz': packed asset: version 2 is not supported"),
            std::string::npos);
}

}  // namespace
