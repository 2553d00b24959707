// The doors of issue 17 in the experiment library: output names, shard
// binding and row checks of merge, failures and cancellation in a sweep,
// duplicate JSON keys, file bytes kept out of messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace {

using damlab::Json;

damlab::Experiment sharded_experiment(const std::string& extra = "") {
  return damlab::parse_experiment(damlab::parse_json_text(R"({"name": "r",
    "data": {"source": "rademacher", "N": 60, "S": 10, "p": 0.5, "seed": 1},
    "model": {"F": "rectpoly", "n": 3}, "sweep": [{"data.seed": [1, 2, 3, 4, 5, 6]}])" + extra + "}"));
}

// The error's field and message, or "(no error)".
template <typename Run>
std::pair<std::string, std::string> error_of(Run run) {
  try {
    run();
  } catch (const damlab::InvalidArgument& e) {
    return {e.field(), e.what()};
  }
  return {"(no error)", ""};
}

TEST(OutputName, OnlyPlainFileNames) {
  for (const std::string& name : std::vector<std::string>{"fig1-artificial", "a.b_c-9", "x", std::string(100, 'n')})
    EXPECT_EQ(error_of([&] { damlab::check_output_name(name); }).first, "(no error)") << name;
  for (const std::string& name : std::vector<std::string>{"", ".", "..", "../x", "/etc/x", "a/b", "a\\b", "a b", "a\nb",
                                 "x\xff", std::string(101, 'n')}) {
    const auto [field, message] = error_of([&] { damlab::check_output_name(name); });
    EXPECT_EQ(field, "name") << name;
    EXPECT_NE(message.find("a plain file name"), std::string::npos) << message;
  }
  // Through the spec, before any work.
  EXPECT_EQ(error_of([] {
              damlab::parse_experiment(Json::parse(R"({"name": "../x", "data": {"source": "rademacher", "N": 9, "S": 2, "p": 0.5}})"));
            }).first,
            "name");
}

TEST(JsonText, DuplicateKeysAndFileBytesAreRefused) {
  const auto [field, message] = error_of([] { damlab::parse_json_text(R"({"a": {"N": 1, "N": 2}})"); });
  EXPECT_EQ(field, "spec");
  EXPECT_NE(message.find("key \"N\" given twice"), std::string::npos) << message;
  // The same key in two objects is fine.
  EXPECT_EQ(error_of([] { damlab::parse_json_text(R"({"a": {"N": 1}, "b": {"N": 2}, "N": 3})"); }).first,
            "(no error)");
  // A message shows where the text stops being JSON, not the text.
  const auto bad = error_of([] { damlab::parse_json_text("root:SECRET:0:0\n"); });
  EXPECT_EQ(bad.second.find("SECRET"), std::string::npos) << bad.second;
  EXPECT_EQ(bad.second.find("root"), std::string::npos) << bad.second;
  const auto not_object = error_of([] { damlab::parse_spec_text(R"(["SECRET"])"); });
  EXPECT_EQ(not_object.second.find("SECRET"), std::string::npos) << not_object.second;
  EXPECT_EQ(error_of([] { damlab::parse_spec_text(R"({"data": {"source": "idx", "path": ""}})"); }).first,
            "data.path");
}

std::vector<std::string> shards(const damlab::Experiment& e, std::size_t count) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    damlab::SweepOptions options;
    options.shard = {i, count};
    out.push_back(damlab::shard_csv(e, options.shard, damlab::run_sweep(e, {}, options)));
  }
  return out;
}

TEST(MergeShards, BoundToTheExperimentAndCheckedRowByRow) {
  const auto e = sharded_experiment();
  const auto parts = shards(e, 2);
  const auto merged = damlab::merge_shards(e, parts, {"a.csv", "b.csv"});
  EXPECT_EQ(damlab::to_csv(merged), damlab::to_csv(damlab::run_sweep(e, {}, {})));
  EXPECT_EQ(parts[0].rfind("# damlab shard 0/2 experiment " + damlab::experiment_checksum(e) + "\n", 0), 0u);

  const auto refused = [&](std::vector<std::string> texts, const std::string& field,
                           const std::string& part) {
    const auto [f, message] = error_of([&] { damlab::merge_shards(e, texts, {"a.csv", "b.csv"}); });
    EXPECT_EQ(f, field) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
  };
  // Another experiment (data.N 61): its checksum differs.
  auto other = damlab::parse_experiment(damlab::parse_json_text(R"({"name": "r",
    "data": {"source": "rademacher", "N": 61, "S": 10, "p": 0.5, "seed": 1},
    "model": {"F": "rectpoly", "n": 3}, "sweep": [{"data.seed": [1, 2, 3, 4, 5, 6]}]})"));
  refused({parts[0], shards(other, 2)[1]}, "b.csv", "line 1");
  // Cut short: 40 bytes, or one byte.
  refused({parts[0], parts[1].substr(0, parts[1].size() - 40)}, "b.csv", "its last line");
  refused({parts[0], parts[1].substr(0, parts[1].size() - 1)}, "b.csv", "its last line");
  // A row edited (kmax 9 -> 8 or the like): the end line's checksum.
  std::string edited = parts[1];
  const auto row = edited.find("\n1,");
  const auto cell = edited.find(",1", row + 3);
  edited[cell + 1] = edited[cell + 1] == '1' ? '2' : '1';
  refused({parts[0], edited}, "b.csv", "a row was cut, added or edited");
  // A shard given twice, a missing file's rows: a duplicate point.
  refused({parts[0], parts[0]}, "b.csv point", "in only one file");
}

// The frame around rows changed at will, so the row checks are reached.
std::string framed(const damlab::Experiment& e, const std::string& shard, const std::string& csv) {
  damlab::Fnv1a64 hash;
  hash.add(csv);
  return "# damlab shard " + shard + " experiment " + damlab::experiment_checksum(e) + "\n" + csv +
         "# end rows " + std::to_string(std::count(csv.begin(), csv.end(), '\n') - 1) +
         " csv_fnv1a64 " + damlab::hex64(hash.value) + "\n";
}

TEST(MergeShards, EveryRowWellFormed) {
  const auto e = sharded_experiment();
  const std::string csv = damlab::to_csv(damlab::run_sweep(e, {}, {}));
  EXPECT_EQ(damlab::to_csv(damlab::merge_shards(e, {framed(e, "0/1", csv)})), csv);
  const auto header_end = csv.find('\n') + 1;
  const std::string header = csv.substr(0, header_end);
  const std::string row0 = csv.substr(header_end, csv.find('\n', header_end) + 1 - header_end);
  const auto refused = [&](const std::string& body, const std::string& field, const std::string& part) {
    const auto [f, message] = error_of([&] { damlab::merge_shards(e, {framed(e, "0/1", body)}); });
    EXPECT_EQ(f, field) << message;
    EXPECT_NE(message.find(part), std::string::npos) << message;
  };
  refused(header + "00" + row0.substr(1), "csv 1 point", "no leading zero");
  refused(header + "6" + row0.substr(1), "csv 1 point", "below the experiment's 6 points");
  refused(header + "0,2" + row0.substr(3), "csv 1 point 0", "data.seed = 2");
  refused(header + row0.substr(0, row0.rfind(',')) + "\n", "csv 1", "cells");
  // A cell damlab never writes: a quote.
  std::string quoted = row0;
  quoted.insert(4, "\"");
  refused(header + quoted, "csv 1 point 0 data_checksum", "a cell as damlab writes it");
  // Points of another shard in this one.
  const auto [f, message] = error_of([&] { damlab::merge_shards(e, {framed(e, "1/2", header + row0)}); });
  EXPECT_EQ(f, "csv 1 point") << message;
}

TEST(SweepFailure, KeepsFinishedRowsAndNamesThePoint) {
  const auto e = damlab::parse_experiment(damlab::parse_json_text(R"({"measure": "recall",
    "data": {"source": "rademacher", "N": 64, "S": 10, "p": 0.5, "seed": 1},
    "model": {"F": "rectpoly", "n": 3}, "sweep": [{"probe.K": [2, 3, 11, 4]}]})"));
  damlab::SweepOptions options;
  // Thrown by default, naming the point and its axis values.
  const auto [field, message] = error_of([&] { damlab::run_sweep(e, {}, options); });
  EXPECT_EQ(field, "probe.K");
  EXPECT_EQ(message.rfind("point 2 (probe.K = 11): probe.K = 11", 0), 0u) << message;
  options.keep_rows_on_error = true;
  const auto rows = damlab::run_sweep(e, {}, options);
  EXPECT_EQ(rows.rows.size(), 2u);
  ASSERT_TRUE(rows.failed_point.has_value());
  EXPECT_EQ(*rows.failed_point, 2u);
  EXPECT_TRUE(rows.failure);
  const auto record = damlab::sweep_record(e, rows);
  EXPECT_FALSE(record["complete"].get<bool>());
  EXPECT_EQ(record["error"].get<std::string>().rfind("point 2 (probe.K = 11)", 0), 0u);
  // A sweep without failure records no error.
  EXPECT_FALSE(damlab::sweep_record(sharded_experiment(), damlab::run_sweep(sharded_experiment(), {}, {})).contains("error"));
}

TEST(SweepCancel, ReachesTheRunningPoint) {
  // One point of many seconds (every K of 20000 patterns), cancelled after
  // 0.3 s: the run stops within about a second, with no row.
  const auto e = damlab::parse_experiment(damlab::parse_json_text(R"({
    "data": {"source": "rademacher", "N": 784, "S": 20000, "p": 0.5, "seed": 1},
    "model": {"F": "rectpoly", "n": 6}, "sweep": [{"data.seed": [1, 2]}]})"));
  damlab::SweepOptions options;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  options.cancelled = [&] { return elapsed() > 0.3; };
  std::vector<std::size_t> finished;
  options.on_row = [&](std::size_t point, const auto&, const auto&) { finished.push_back(point); };
  const auto rows = damlab::run_sweep(e, {}, options);
  // About a second after the cancellation (shared CI machines are slow); a
  // sanitizer build at -O0 runs the point's data set-up (no progress
  // reports) many times slower.
#if defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(elapsed(), 60.0);
#else
  EXPECT_LT(elapsed(), 2.5);
#endif
  EXPECT_TRUE(rows.rows.empty());
  EXPECT_TRUE(finished.empty());
  EXPECT_FALSE(rows.failure);
}

TEST(SweepCancel, ReachesTheDataSetUp) {
  // A point whose generated data (2^31 bits) takes many seconds to draw,
  // cancelled after 0.3 s: the generation polls, so the run stops at once.
  const auto e = damlab::parse_experiment(damlab::parse_json_text(R"({
    "measure": "recall", "probe": {"K": 1, "count": 1, "steps": 1},
    "data": {"source": "rademacher", "N": 65536, "S": 32768, "p": 0.5, "seed": 1},
    "sweep": [{"data.seed": [1, 2]}]})"));
  damlab::SweepOptions options;
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  options.cancelled = [&] { return elapsed() > 0.3; };
  // Processor time, not wall time: zeroing the 256 MiB of patterns alone
  // takes seconds of wall time on a busy machine. Drawing all the bits takes
  // over 10 s of processor time (over a minute with sanitizers).
  const std::clock_t cpu = std::clock();
  const auto rows = damlab::run_sweep(e, {}, options);
  const double seconds = static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC;
#if defined(__SANITIZE_ADDRESS__)
  EXPECT_LT(seconds, 10.0);
#else
  EXPECT_LT(seconds, 2.0);
#endif
  EXPECT_TRUE(rows.rows.empty());
  EXPECT_FALSE(rows.failure);
}

TEST(SweepRows, ReportedAsTheyFinish) {
  const auto e = sharded_experiment();
  damlab::SweepOptions options;
  std::string streamed;
  options.on_row = [&](std::size_t, const std::vector<std::string>& columns,
                       const std::vector<std::string>& cells) {
    if (streamed.empty()) streamed = damlab::csv_line(columns) + "\n";
    streamed += damlab::csv_line(cells) + "\n";
  };
  const auto rows = damlab::run_sweep(e, {}, options);
  EXPECT_EQ(streamed, damlab::to_csv(rows));
}

}  // namespace
