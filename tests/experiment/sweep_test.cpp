#include "damlab/experiment/sweep.hpp"
#include "damlab/experiment/sweep_csv.hpp"

#include <gtest/gtest.h>

#include "damlab/util/error.hpp"

namespace {

using damlab::Json;

const char* demo = R"({
  "name": "demo",
  "data": {"source": "rademacher", "N": 120, "S": 30, "p": 0.5, "seed": 1},
  "model": {"F": "rectpoly", "n": 3},
  "sweep": [{"data.p": {"from": 0.6, "to": 0.9, "step": 0.05},
             "data.seed": {"from": 1, "to": 7, "step": 1}},
            {"model.n": [2, 3, 5]}]})";

damlab::Experiment demo_experiment() { return damlab::parse_experiment(Json::parse(demo)); }

TEST(Sweep, GridIsTheProductOfAxesWithZippedPaths) {
  const auto e = demo_experiment();
  ASSERT_EQ(e.points(), 21u);
  // Last axis fastest; the zipped seed follows p.
  EXPECT_EQ(e.point_spec(0)["data"]["p"], 0.6);
  EXPECT_EQ(e.point_spec(0)["model"]["n"], 2);
  EXPECT_EQ(e.point_spec(1)["model"]["n"], 3);
  EXPECT_EQ(e.point_spec(3)["data"]["p"], 0.65);
  EXPECT_EQ(e.point_spec(3)["data"]["seed"], 2);
  EXPECT_EQ(e.point_spec(20)["data"]["p"], 0.9);
  EXPECT_EQ(e.point_spec(20)["data"]["seed"], 7);
  EXPECT_EQ(e.point_spec(11)["data"]["p"], 0.75);  // 0.6 + 3 * 0.05, rounded
}

TEST(Sweep, SameCsvForOneAndTwoThreadsAndForShards) {
  const auto e = demo_experiment();
  damlab::SweepOptions one, two;
  two.threads = 2;
  const std::string single = damlab::to_csv(damlab::run_sweep(e, {}, one));
  EXPECT_EQ(damlab::to_csv(damlab::run_sweep(e, {}, two)), single);
  std::vector<std::string> shards;
  for (std::size_t i = 0; i < 3; ++i) {
    damlab::SweepOptions options;
    options.shard = {i, 3};
    const auto rows = damlab::run_sweep(e, {}, options);
    EXPECT_EQ(rows.rows.size(), 7u);
    shards.push_back(damlab::to_csv(rows));
  }
  const auto merged = damlab::merge_csv(e, {shards[2], shards[0], shards[1]});
  EXPECT_EQ(damlab::to_csv(merged), single);
  EXPECT_EQ(damlab::sweep_record(e, merged).dump(),
            damlab::sweep_record(e, damlab::run_sweep(e, {}, one)).dump());
  // One row per point, columns from the spec and the record.
  EXPECT_EQ(single.substr(0, single.find('\n')).substr(0, 70),
            "point,data.p,data.seed,model.n,data_checksum,data_mean_hd,N,S,exact_km");
  EXPECT_EQ(std::count(single.begin(), single.end(), '\n'), 22);
}

TEST(Sweep, ProgressCanStopTheRunKeepingFinishedRows) {
  const auto e = demo_experiment();
  damlab::SweepOptions options;
  options.progress = [](std::size_t done, std::size_t) { return done < 5; };
  const auto rows = damlab::run_sweep(e, {}, options);
  EXPECT_EQ(rows.rows.size(), 5u);
  EXPECT_FALSE(rows.complete());
  EXPECT_FALSE(damlab::sweep_record(e, rows)["complete"].get<bool>());
}

TEST(Sweep, MergeRejectsDuplicatesAndForeignHeaders) {
  const auto e = demo_experiment();
  damlab::SweepOptions options;
  options.shard = {0, 3};
  const auto shard = damlab::to_csv(damlab::run_sweep(e, {}, options));
  EXPECT_THROW(damlab::merge_csv(e, {shard, shard}), damlab::InvalidArgument);
  EXPECT_THROW(damlab::merge_csv(e, {"a,b\n1,2\n"}), damlab::InvalidArgument);
}

std::string experiment_error_field(const std::string& text) {
  try {
    damlab::parse_experiment(Json::parse(text));
  } catch (const damlab::InvalidArgument& e) {
    return e.field();
  }
  return "(no error)";
}

TEST(Sweep, ErrorsNameTheField) {
  const std::string base = R"("data": {"source": "rademacher", "N": 50, "S": 5, "p": 0.5})";
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"model.n": [2, 3]}]})"), "(no error)");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"model.n": [2, 99]}]})"), "model.n");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"model.n": []}]})"), "sweep.model.n");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"data.p": {"from": 0.2, "to": 0.1, "step": 0.1}}]})"), "sweep.data.p.to");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"data.p": {"from": 0.1, "to": 0.2, "step": 0}}]})"), "sweep.data.p.step");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"data.p": [0.1, 0.2], "data.seed": [1]}]})"), "sweep[0].data.seed");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"n": [2]}]})"), "sweep path");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"data.q": [2]}]})"), "data.q");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": {"model.n": [2]}})"), "sweep");
  EXPECT_EQ(experiment_error_field("{" + base + R"(, "sweep": [{"data.seed": {"from": 0, "to": 1000000, "step": 1}}]})"), "sweep.data.seed");
  try {
    damlab::parse_experiment(Json::parse("{" + base + R"(, "sweep": [{"data.p": [0.5, 1.5]}]})"));
    FAIL();
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_NE(std::string(e.what()).find("sweep point 1: data.p = 1.5"), std::string::npos) << e.what();
  }
  EXPECT_THROW(damlab::parse_shard("3/3"), damlab::InvalidArgument);
  EXPECT_THROW(damlab::parse_shard("1-3"), damlab::InvalidArgument);
  EXPECT_EQ(damlab::parse_shard("2/5").index, 2u);
}

}  // namespace
