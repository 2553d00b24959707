#include "damlab/experiment/spec.hpp"

#include <gtest/gtest.h>

#include "damlab/dam/capacity.hpp"
#include "damlab/data/packed_asset.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/version.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/record.hpp"

namespace {

using damlab::Json;

std::string spec_error_field(const std::string& text) {
  try {
    damlab::parse_spec_text(text);
  } catch (const damlab::InvalidArgument& e) {
    return e.field();
  }
  return "(no error)";
}

TEST(Spec, ErrorsNameTheField) {
  const std::string ok_data = R"("data": {"source": "rademacher", "N": 10, "S": 3, "p": 0.5})";
  EXPECT_EQ(spec_error_field("{" + ok_data + "}"), "(no error)");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 0, "S": 3, "p": 0.5}})"), "data.N");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 10, "S": 3, "p": 1.5}})"), "data.p");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 10, "S": 3}})"), "data.p");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 10, "S": -3, "p": 0.5}})"), "data.S");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 10.5, "S": 3, "p": 0.5}})"), "data.N");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "rademacher", "N": 10, "S": 3, "p": 0.5, "seed": 9007199254740992}})"), "data.seed");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "cifar"}})"), "data.source");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist"}})"), "(no error)");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "selection": "best"}})"), "data.selection");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "selection": "greedy", "target_hd": 90}})"), "data.S");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "selection": "greedy", "S": 50}})"), "data.target_hd");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "selection": "greedy", "S": 1, "target_hd": 9}})"), "data.S");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "fashion-mnist", "classes": [3, 300]}})"), "data.classes");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "p": 0.5}})"), "data.p");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "mnist", "target_hd": 50}})"), "data.target_hd");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "idx"}})"), "data.path");
  EXPECT_EQ(spec_error_field(R"({"data": {"source": "idx", "path": "a", "threshold": 300}})"), "data.threshold");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "model": {"F": "cubic"}})"), "model.F");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "model": {"F": "poly", "n": 61}})"), "model.n");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "model": {"F": "exp", "beta": 0}})"), "model.beta");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "model": {"F": "exp", "n": 3}})"), "model.n");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "model": {"F": "poly", "n": "3"}})"), "model.n");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "memorize"})"), "measure");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "recall"})"), "(no error)");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "probe": {"K": 2}})"), "probe");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "recall", "probe": {"delta": 2}})"), "probe.delta");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "recall", "probe": {"update": "both"}})"), "probe.update");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "recall", "probe": {"epsilons": [0.1]}})"), "probe.epsilons");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "convergence", "probe": {"epsilons": [1.5]}})"), "probe.epsilons");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "convergence", "probe": {"probes": "all"}})"), "probe.probes");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "retrievability", "probe": {"trials": 0}})"), "probe.trials");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "measure": "retrievability", "probe": {"epsilon": 0}})"), "probe.epsilon");
  EXPECT_EQ(spec_error_field("{" + ok_data + R"(, "modle": {}})"), "modle");
  EXPECT_EQ(spec_error_field("{}"), "data");
  EXPECT_EQ(spec_error_field("[1, 2]"), "spec");
  EXPECT_EQ(spec_error_field("{\"data\": "), "spec");
}

TEST(Spec, NormalizedSpecRoundTrips) {
  const auto spec = damlab::parse_spec_text(
      R"({"data": {"source": "rademacher", "N": 64, "S": 9, "p": 0.7, "seed": 5}, "model": {"F": "exp", "beta": 0.25}})");
  const Json normalized = damlab::to_json(spec);
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(normalized)), normalized);
  EXPECT_EQ(normalized["model"]["beta"], 0.25);
  const auto defaults = damlab::parse_spec_text(R"({"data": {"source": "rademacher", "N": 64, "S": 9, "p": 0.7}})");
  EXPECT_EQ(defaults.data.seed, 1u);
  EXPECT_EQ(defaults.model.F, damlab::Separation::rectpoly(3));
}

TEST(Spec, RecordHoldsSpecChecksumVersionAndTheCoreResult) {
  const auto spec = damlab::parse_spec_text(
      R"({"data": {"source": "rademacher", "N": 100, "S": 30, "p": 0.6, "seed": 3}, "model": {"F": "rectpoly", "n": 4}})");
  const Json record = damlab::run_spec(spec);
  const auto set = damlab::rademacher(100, 30, 0.6, 3);
  const auto result = damlab::capacity(set, damlab::Separation::rectpoly(4));
  EXPECT_EQ(record["result"], damlab::capacity_json(result));
  EXPECT_EQ(record["result"]["exact"]["kmax"], result.exact.kmax);
  EXPECT_EQ(record["data"]["checksum"], damlab::checksum(set));
  EXPECT_EQ(record["seed"], 3);
  EXPECT_EQ(record["code_version"], damlab::code_version());
  EXPECT_EQ(record.dump(), damlab::run_spec(spec).dump());
  // A different pattern set has a different checksum.
  EXPECT_NE(damlab::checksum(damlab::rademacher(100, 30, 0.6, 4)), damlab::checksum(set));
}

damlab::Json run(const std::string& measure, const std::string& probe) {
  return damlab::run_spec(damlab::parse_spec_text(
      R"({"measure": ")" + measure +
      R"(", "data": {"source": "rademacher", "N": 200, "S": 60, "p": 0.5, "seed": 2},
          "model": {"F": "rectpoly", "n": 3}, "probe": )" + probe + "}"))["result"];
}

TEST(Spec, ProbeMeasures) {
  // Few memories, little noise: every probe comes back.
  const auto recall = run("recall", R"({"K": 5, "delta": 0.05, "steps": 3})");
  EXPECT_EQ(recall["probes"], 5);
  EXPECT_EQ(recall["recall_rate"], 1.0);
  EXPECT_EQ(recall["mean_overlap"], 1.0);
  // Held-out random patterns, before any update, sit on no memory.
  const auto held_out = run("convergence", R"({"K": 10, "probes": "held_out", "count": 20, "steps": 0, "epsilons": [0, 0.5, 1]})");
  EXPECT_EQ(held_out["probes"], 20);
  EXPECT_EQ(held_out["D_c"]["0.0"], 0.0);
  EXPECT_EQ(held_out["D_c"]["1.0"], 1.0);
  const auto stored = run("convergence", R"({"K": 10, "epsilons": [0]})");
  EXPECT_EQ(stored["D_c"]["0.0"], 1.0);
  const auto r = run("retrievability", R"({"K": 5, "delta": 0.05, "trials": 10, "steps": 3})");
  EXPECT_TRUE(r["retrievable"].get<bool>());
  EXPECT_EQ(r["worst"]["trials"], 10);
  // Same spec, same record.
  EXPECT_EQ(run("recall", R"({"K": 30, "delta": 0.2})").dump(), run("recall", R"({"K": 30, "delta": 0.2})").dump());
  EXPECT_THROW(run("recall", R"({"K": 61})"), damlab::InvalidArgument);
  EXPECT_THROW(run("convergence", R"({"K": 60, "probes": "held_out"})"), damlab::InvalidArgument);
  try {
    run("classification", R"({"K": 10})");
    FAIL() << "unlabelled data classified";
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "data.source");
  }
}

TEST(Spec, IdxSourceReadsTheBytesItIsGiven) {
  std::vector<std::uint8_t> bytes = {0, 0, 8, 2, 0, 0, 0, 3, 0, 0, 0, 2, 0, 200, 200, 0, 255, 255};
  const auto spec = damlab::parse_spec_text(
      R"({"data": {"source": "idx", "path": "x.idx", "first": 2}, "model": {"F": "poly", "n": 2}})");
  const auto set = damlab::load_data(spec.data, bytes).patterns;
  ASSERT_EQ(set.size(), 2u);
  EXPECT_EQ(set.signs(0), (std::vector<int>{-1, 1}));
  EXPECT_EQ(set.signs(1), (std::vector<int>{1, -1}));
  const auto too_many = damlab::parse_spec_text(R"({"data": {"source": "idx", "path": "x.idx", "first": 4}})");
  EXPECT_THROW(damlab::load_data(too_many.data, bytes), damlab::InvalidArgument);
  bytes.pop_back();
  EXPECT_THROW(damlab::load_data(spec.data, bytes), damlab::DataError);
}

// S larger than the patterns of the chosen classes is named as the spec's
// field (data.S), for every selection, not as the core's subset "size".
TEST(Spec, TooLargeSForTheChosenClassesNamesS) {
  damlab::LabeledPatterns pool;
  pool.patterns = damlab::PatternSet(16, 5);
  pool.labels = {0, 0, 1, 1, 1};
  pool.source = "five";
  const auto bytes = damlab::pack_asset(pool);
  const auto spec = [](const std::string& selection, int label) {
    return damlab::parse_spec_text(R"({"data": {"source": "mnist", "classes": [)" + std::to_string(label) +
                                   R"(], "S": 3, "selection": ")" + selection + '"' +
                                   (selection == "greedy" ? R"(, "target_hd": 0)" : "") + "}}");
  };
  for (const char* selection : {"first", "random", "greedy"}) {
    try {
      damlab::load_data(spec(selection, 0).data, bytes);
      FAIL() << selection << ": S = 3 of 2 patterns accepted";
    } catch (const damlab::InvalidArgument& e) {
      EXPECT_EQ(e.field(), "data.S") << selection;
      EXPECT_NE(std::string(e.what()).find("at most the 2 patterns of the chosen classes"), std::string::npos) << e.what();
    }
    const auto fits = spec(selection, 1);
    EXPECT_EQ(damlab::load_data(fits.data, bytes).patterns.size(), 3u) << selection;
  }
}

}  // namespace
