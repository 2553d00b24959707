// Replicate summaries of any sweep: the group means and intervals against
// the literal formula (mean ± t · s / √k, t from a table), a sweep without the
// replicate column as one replicate, and the errors that keep an interval
// honest (a replicate twice, an unfinished run, a missing column).
#include "damlab/experiment/replicate_summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "damlab/util/error.hpp"
#include "../support/csv_rows.hpp"

namespace {

using damlab::Json;
using damlab::test::csv_rows;

Json replicate_spec(const std::vector<std::string>& sweeps) {
  return {{"name", "r"},
          {"sweeps", sweeps},
          {"group_by", {"train.memories", "model.n"}},
          {"replicate", "train.seed"},
          {"values", {"train_error", "test_error"}}};
}

damlab::ReplicateTables run(const Json& spec, const std::map<std::string, std::string>& csvs) {
  return damlab::summarize_replicates(damlab::parse_replicate_summary_spec(spec), csvs);
}

// A seeded sweep (columns in another order than the spec names them, an extra
// one) and a sweep of one fixed seed without the train.seed column.
const std::string seeded =
    "point,train.seed,model.n,train.memories,extra,test_error,train_error\n"
    "0,2,2,500,x,0.25,0.20\n"
    "1,2,4,500,x,0.15,0.10\n"
    "2,3,2,500,x,0.27,0.22\n"
    "3,3,4,500,x,0.14,0.12\n";
const std::string fixed =
    "point,train.memories,model.n,train_error,test_error\n"
    "0,500,2,0.21,0.26\n"
    "1,500,4,0.11,0.13\n"
    "2,1000,2,0.30,0.31\n";

TEST(ReplicateSummary, GroupMeansAndIntervalsAreTheLiteralFormula) {
  const auto tables = run(replicate_spec({"fixed", "seeded"}), {{"fixed", fixed}, {"seeded", seeded}});
  const auto rows = csv_rows(tables.summary_csv);
  ASSERT_EQ(rows.size(), 3u);
  // Groups in order of first appearance: the fixed sweep's rows first.
  EXPECT_EQ(rows[0].at("train.memories"), "500");
  EXPECT_EQ(rows[0].at("model.n"), "2");
  EXPECT_EQ(rows[1].at("model.n"), "4");
  EXPECT_EQ(rows[2].at("train.memories"), "1000");
  EXPECT_EQ(rows[0].at("replicates"), "3");
  EXPECT_EQ(rows[2].at("replicates"), "1");
  // n = 2, test error over 0.26, 0.25, 0.27: mean 0.26, s = 0.01, t_{0.975, 2}.
  const double t2 = 4.302652729911275;
  EXPECT_NEAR(std::stod(rows[0].at("test_error_mean")), 0.26, 1e-6);
  EXPECT_NEAR(std::stod(rows[0].at("test_error_low")), 0.26 - t2 * 0.01 / std::sqrt(3.0), 1e-6);
  EXPECT_NEAR(std::stod(rows[0].at("test_error_high")), 0.26 + t2 * 0.01 / std::sqrt(3.0), 1e-6);
  // n = 4, train error over 0.11, 0.10, 0.12.
  EXPECT_NEAR(std::stod(rows[1].at("train_error_mean")), 0.11, 1e-6);
  EXPECT_NEAR(std::stod(rows[1].at("train_error_high")), 0.11 + t2 * 0.01 / std::sqrt(3.0), 1e-6);
  // One replicate: a mean, no interval.
  EXPECT_EQ(rows[2].at("test_error_mean"), "0.31");
  EXPECT_EQ(rows[2].at("test_error_low"), "");
  EXPECT_EQ(rows[2].at("test_error_high"), "");
  EXPECT_EQ(tables.record["inputs"]["seeded"]["rows"], 4);
  EXPECT_EQ(tables.record["summary"]["replicate"], "train.seed");
}

TEST(ReplicateSummary, ConfidenceChangesTheInterval) {
  Json spec = replicate_spec({"seeded"});
  spec["confidence"] = 0.5;
  const auto rows = csv_rows(run(spec, {{"seeded", seeded}}).summary_csv);
  // n = 2, test error 0.25 and 0.27: s = 0.01 * sqrt(2), t_{0.75, 1} = 1.
  EXPECT_NEAR(std::stod(rows[0].at("test_error_high")), 0.26 + 0.01, 1e-6);
}

void expect_refused(const Json& spec, const std::map<std::string, std::string>& csvs,
                    const std::string& field, const std::string& words) {
  try {
    run(spec, csvs);
    ADD_FAILURE() << "accepted; expected an error naming " << field;
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), field) << e.what();
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(ReplicateSummary, AReplicateTwiceInAGroupIsRefused) {
  const std::string twice = seeded + "4,3,2,500,x,0.27,0.22\n";
  expect_refused(replicate_spec({"seeded"}), {{"seeded", twice}}, "sweeps.seeded line 6",
                 "train.seed 3 a second time");
  // Two sweeps without the column are two replicates of their own seeds.
  const auto rows = csv_rows(
      run(replicate_spec({"fixed", "other"}), {{"fixed", fixed}, {"other", fixed}}).summary_csv);
  EXPECT_EQ(rows[0].at("replicates"), "2");
}

TEST(ReplicateSummary, AnUnfinishedRunOrAMissingColumnIsRefused) {
  const std::string unfinished = "point,train.memories,model.n,train_error,test_error\n0,500,2,0.2,\n";
  expect_refused(replicate_spec({"u"}), {{"u", unfinished}}, "sweeps.u line 2 test_error",
                 "a run that finished");
  const std::string no_column = "point,train.memories,train_error,test_error\n0,500,0.2,0.3\n";
  expect_refused(replicate_spec({"c"}), {{"c", no_column}}, "sweeps.c", "model.n");
  expect_refused(replicate_spec({"c"}), {}, "sweeps", "a sweep whose CSV was given");
}

TEST(ReplicateSummary, SpecErrorsNameTheField) {
  const auto refused = [](Json spec, const std::string& field) {
    try {
      damlab::parse_replicate_summary_spec(spec);
      ADD_FAILURE() << "accepted: " << spec.dump();
    } catch (const damlab::InvalidArgument& e) {
      EXPECT_EQ(e.field(), field) << e.what();
    }
  };
  Json spec = replicate_spec({"a"});
  spec["unknown"] = 1;
  refused(spec, "unknown");
  spec = replicate_spec({"a", "a"});
  refused(spec, "sweeps");
  spec = replicate_spec({"../a"});
  refused(spec, "sweeps");
  spec = replicate_spec({"a"});
  spec["values"] = {"model.n"};
  refused(spec, "values");
  spec = replicate_spec({"a"});
  spec["replicate"] = "model.n";
  refused(spec, "replicate");
  spec = replicate_spec({"a"});
  spec["group_by"] = Json::array();
  refused(spec, "group_by");
  spec = replicate_spec({"a"});
  spec["confidence"] = 1;
  refused(spec, "confidence");
  EXPECT_TRUE(damlab::is_replicate_summary(replicate_spec({"a"})));
  EXPECT_FALSE(damlab::is_replicate_summary(Json::parse(R"({"name": "s", "sweeps": {"A": "a"}})")));
}

}  // namespace
