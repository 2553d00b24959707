// The subset-rule study's parts of damlab summarize: the HD drift table, the
// per-label drift limit and a list of gap pairs (experiment/summary.hpp).
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "damlab/experiment/summary.hpp"
#include "damlab/measures/mean_interval.hpp"
#include "damlab/util/error.hpp"

namespace {

using damlab::Json;

// A sweep CSV with the columns summarize reads; every row at n = 7, S = 50,
// binary and exact alike: {Kmax, censored, HD of the first Kmax, whole set's HD}.
std::string drift_csv(const std::vector<std::tuple<int, bool, std::string, std::string>>& sets) {
  std::string out =
      "point,model.n,S,data_mean_hd,exact_kmax,exact_censored,exact_mean_hd,binary_kmax,"
      "binary_censored,binary_mean_hd\n";
  int point = 0;
  for (const auto& [kmax, censored, first, whole] : sets) {
    const std::string k = std::to_string(kmax), c = censored ? "true" : "false";
    out += std::to_string(point++) + ",7,50," + whole + "," + k + "," + c + "," + first + "," + k +
           "," + c + "," + first + "\n";
  }
  return out;
}

const std::map<std::string, std::string> drift_inputs = {
    // drifts 8 and 1 in the means; the censored set (drift 0) and the one
    // with Kmax = 1 (no HD of its first Kmax) are not.
    {"x", drift_csv({{4, false, "70", "62"},
                     {5, false, "61", "60"},
                     {50, true, "60", "60"},
                     {1, false, "", "65"}})},
    {"y", drift_csv({{6, false, "69", "69"}, {7, false, "61", "61"}})}};

Json drift_spec() {
  return Json::parse(R"({"name": "d", "sweeps": {"X": "x", "Y": "y"},
    "buckets": {"centers": [60, 70], "half_width": 5}, "drift": true,
    "gap": [["X", "Y"], ["Y", "X"]]})");
}

std::string drift_field_of(const Json& spec) {
  try {
    damlab::parse_summary_spec(spec);
  } catch (const damlab::InvalidArgument& e) {
    return e.field();
  }
  return "(no error)";
}

TEST(SummaryDrift, MeanDriftOfTheSetsInTheMeans) {
  const auto out = damlab::summarize(damlab::parse_summary_spec(drift_spec()), drift_inputs);
  const auto interval = damlab::mean_interval(std::vector<double>{8, 1}, 0.95);
  char low[32], high[32];
  std::snprintf(low, sizeof low, "%.6g", interval.low);
  std::snprintf(high, sizeof high, "%.6g", interval.high);
  const std::string expected_x = std::string("X,binary,true,7,2,4.5,") + low + "," + high +
                                 ",4.5," + low + "," + high + ",1\n";
  EXPECT_NE(out.drift_csv.find(expected_x), std::string::npos) << out.drift_csv;
  EXPECT_NE(out.drift_csv.find("Y,binary,true,7,2,0,0,0,0,0,0,0\n"), std::string::npos)
      << out.drift_csv;
  EXPECT_EQ(out.drift_csv.rfind("dataset,mode,primary,n,sets,drift_mean,", 0), 0u);
}

TEST(SummaryDrift, MaxDriftLeavesTheLabelsFarSetsOut) {
  Json spec = drift_spec();
  spec["max_drift"] = {{"X", 3}};
  const auto out = damlab::summarize(damlab::parse_summary_spec(spec), drift_inputs);
  // X's set at HD 70 (drift 8) is gone from bucket 70; Y's (drift 0) stays.
  EXPECT_EQ(out.summary_csv.find("X,binary,true,7,70,"), std::string::npos) << out.summary_csv;
  EXPECT_NE(out.summary_csv.find("Y,binary,true,7,70,5,1,0,1,6,"), std::string::npos)
      << out.summary_csv;
  ASSERT_EQ(out.record["beyond_max_drift"].size(), 2u);  // binary and exact
  EXPECT_EQ(out.record["beyond_max_drift"][0]["dataset"], "X");
  EXPECT_EQ(out.record["beyond_max_drift"][0]["sets"], 1);
  EXPECT_EQ(damlab::to_json(damlab::parse_summary_spec(spec))["max_drift"]["X"], 3.0);
}

TEST(SummaryDrift, GapPairsEachGetTheirRows) {
  const auto spec = damlab::parse_summary_spec(drift_spec());
  const auto out = damlab::summarize(spec, drift_inputs);
  EXPECT_NE(out.gap_csv.find(",60,X,Y,1,1,"), std::string::npos) << out.gap_csv;
  EXPECT_NE(out.gap_csv.find(",60,Y,X,1,1,"), std::string::npos) << out.gap_csv;
  // Written back as given: a list of pairs, or one pair.
  EXPECT_EQ(damlab::to_json(spec)["gap"], Json::parse(R"([["X", "Y"], ["Y", "X"]])"));
  Json one = drift_spec();
  one["gap"] = {"X", "Y"};
  one.erase("drift");
  const auto single = damlab::to_json(damlab::parse_summary_spec(one));
  EXPECT_EQ(single["gap"], Json::parse(R"(["X", "Y"])"));
  EXPECT_FALSE(single.contains("drift"));
  EXPECT_FALSE(single.contains("max_drift"));
}

TEST(SummaryDrift, BadFieldsAreNamed) {
  Json spec = drift_spec();
  spec["max_drift"] = {{"Z", 3}};
  EXPECT_EQ(drift_field_of(spec), "max_drift");
  spec["max_drift"] = {{"X", -1}};
  EXPECT_EQ(drift_field_of(spec), "max_drift.X");
  spec["max_drift"] = 3;
  EXPECT_EQ(drift_field_of(spec), "max_drift");
  spec = drift_spec();
  spec["drift"] = "yes";
  EXPECT_EQ(drift_field_of(spec), "drift");
  spec = drift_spec();
  spec["gap"] = Json::parse(R"([["X", "Y"], ["X"]])");
  EXPECT_EQ(drift_field_of(spec), "gap");
  spec["gap"] = Json::parse(R"([["X", "X"]])");
  EXPECT_EQ(drift_field_of(spec), "gap");
}

}  // namespace
