#include "damlab/experiment/summary.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "damlab/measures/mean_interval.hpp"
#include "../support/csv_rows.hpp"

namespace {

using damlab::Json;

// A hand-made sweep CSV with the columns summarize reads (in another order
// than damlab sweep writes them, and with an extra one, to show that columns
// are found by name).
struct Row {
  int n, S, exact_kmax, binary_kmax;
  bool exact_censored, binary_censored;
  std::string exact_hd, binary_hd, data_hd;
};

std::string csv(const std::vector<Row>& rows) {
  std::ostringstream out;
  out << "point,model.n,extra,S,data_mean_hd,exact_kmax,exact_censored,exact_mean_hd,"
         "binary_kmax,binary_censored,binary_mean_hd\n";
  int point = 0;
  for (const Row& r : rows)
    out << point++ << ',' << r.n << ",x," << r.S << ',' << r.data_hd << ',' << r.exact_kmax
        << ',' << (r.exact_censored ? "true" : "false") << ',' << r.exact_hd << ','
        << r.binary_kmax << ',' << (r.binary_censored ? "true" : "false") << ',' << r.binary_hd
        << '\n';
  return out.str();
}

Json base_spec() {
  return Json::parse(R"({"name": "s", "sweeps": {"A": "a", "B": ["b1", "b2"]},
    "buckets": {"centers": [60, 90], "half_width": 10}, "gap": ["B", "A"], "fit": true})");
}

using damlab::test::csv_rows;

const std::map<std::string, std::string>& find(
    const std::vector<std::map<std::string, std::string>>& rows, const std::string& dataset,
    const std::string& mode, const std::string& n, const std::string& bucket) {
  for (const auto& r : rows)
    if (r.at("dataset") == dataset && r.at("mode") == mode && r.at("n") == n &&
        r.at("bucket") == bucket)
      return r;
  throw std::runtime_error("no row " + dataset + " " + mode + " " + n + " " + bucket);
}

const std::map<std::string, std::string> csvs = {
    // A: three sets at n = 7 in bucket 60 (one censored), one without an HD
    // of its first Kmax (Kmax = 1), one in bucket 90 only by its whole set.
    {"a", csv({{7, 50, 4, 4, false, false, "55", "55", "58"},
               {7, 50, 8, 8, false, false, "65", "65", "66"},
               {7, 50, 50, 50, true, true, "61", "61", "61"},
               {7, 50, 1, 1, false, false, "", "", "62"},
               {7, 50, 6, 7, false, false, "69", "85", "88"}})},
    {"b1", csv({{7, 50, 2, 2, false, false, "59", "59", "59"}})},
    {"b2", csv({{7, 50, 4, 4, false, false, "64", "64", "64"},
                {7, 50, 3, 3, false, false, "91", "91", "91"}})},
};

TEST(Summary, PaperDefaultsExcludeCensoredAndBucketOnTheFirstKmax) {
  const auto spec = damlab::parse_summary_spec(base_spec());
  const auto out = damlab::summarize(spec, csvs);
  const auto rows = csv_rows(out.summary_csv);
  // Binary is the primary series, exact beside it.
  EXPECT_EQ(rows.front().at("mode"), "binary");
  EXPECT_EQ(rows.front().at("primary"), "true");
  // Bucket 60 of A under binary: HDs 55, 65, 61 (censored) -> used 4 and 8.
  const auto& a60 = find(rows, "A", "binary", "7", "60");
  EXPECT_EQ(a60.at("sets"), "3");
  EXPECT_EQ(a60.at("censored"), "1");
  EXPECT_EQ(a60.at("used"), "2");
  EXPECT_EQ(a60.at("kmax_mean"), "6");
  const std::vector<double> used{4, 8};
  const auto interval = damlab::mean_interval(used, 0.95);
  EXPECT_NEAR(std::stod(a60.at("kmax_low")), interval.low, 1e-4);
  EXPECT_NEAR(std::stod(a60.at("kmax_high")), interval.high, 1e-4);
  EXPECT_EQ(a60.at("log2_kmax_mean"), "2.5");  // (2 + 3) / 2
  EXPECT_EQ(a60.at("hd_mean"), "60");
  // The binary and exact HDs differ for the last set: 85 -> bucket 90 (binary).
  EXPECT_EQ(find(rows, "A", "binary", "7", "90").at("kmax_mean"), "7");
  EXPECT_EQ(find(rows, "A", "exact", "7", "60").at("sets"), "4");  // 69 is in [50, 70)
  // B pools both of its sweeps.
  EXPECT_EQ(find(rows, "B", "binary", "7", "60").at("used"), "2");
  // The set with Kmax = 1 has no HD of its first Kmax: in the record, not a bucket.
  ASSERT_EQ(out.record["without_hd"].size(), 2u);  // binary and exact
  EXPECT_EQ(out.record["without_hd"][0]["dataset"], "A");
  EXPECT_EQ(out.record["inputs"].size(), 3u);
}

TEST(Summary, OurReadingIsOneEditAway) {
  Json j = base_spec();
  j["kmax"] = "exact";
  j["censored"] = "as_s";
  j["hd"] = "whole_set";
  const auto out = damlab::summarize(damlab::parse_summary_spec(j), csvs);
  const auto rows = csv_rows(out.summary_csv);
  EXPECT_EQ(rows.front().at("mode"), "exact");
  // Whole-set HDs 58, 66, 61, 62 in bucket 60: the censored set counts as S = 50.
  const auto& a60 = find(rows, "A", "exact", "7", "60");
  EXPECT_EQ(a60.at("sets"), "4");
  EXPECT_EQ(a60.at("censored"), "1");
  EXPECT_EQ(a60.at("used"), "4");
  EXPECT_EQ(a60.at("kmax_mean"), "15.75");  // (4 + 8 + 50 + 1) / 4
  EXPECT_TRUE(out.record["without_hd"].empty());
}

TEST(Summary, GapIsWelchOnLog2Kmax) {
  const auto out = damlab::summarize(damlab::parse_summary_spec(base_spec()), csvs);
  const auto gap = csv_rows(out.gap_csv);
  const auto& g = gap.front();  // binary, n = 7, bucket 60
  EXPECT_EQ(g.at("bucket"), "60");
  const std::vector<double> b{1, 2}, a{2, 3};  // log2 of B's 2, 4 and A's 4, 8
  const auto want = damlab::welch_interval(b, a, 0.95);
  EXPECT_NEAR(std::stod(g.at("gap_log2")), -1, 1e-12);
  EXPECT_NEAR(std::stod(g.at("gap_low")), want.low, 1e-4);
  EXPECT_NEAR(std::stod(g.at("gap_high")), want.high, 1e-4);
  // The fit: ln Kmax on HD over A's used sets with Kmax >= 2 (55 -> 4, 65 -> 8, 85 -> 7).
  const auto fit = csv_rows(out.fit_csv);
  EXPECT_EQ(fit.front().at("dataset"), "A");
  EXPECT_EQ(fit.front().at("points"), "3");
}

TEST(Summary, BadSpecsNameTheirField) {
  const auto field_of = [](Json j) {
    try {
      damlab::parse_summary_spec(j);
    } catch (const damlab::InvalidArgument& e) {
      return e.field();
    }
    return std::string("no error");
  };
  auto j = base_spec();
  j["kmax"] = "fast";
  EXPECT_EQ(field_of(j), "kmax");
  j = base_spec();
  j["censored"] = "drop";
  EXPECT_EQ(field_of(j), "censored");
  j = base_spec();
  j["hd"] = "all";
  EXPECT_EQ(field_of(j), "hd");
  j = base_spec();
  j["buckets"]["half_width"] = 0;
  EXPECT_EQ(field_of(j), "buckets.half_width");
  j = base_spec();
  j["gap"] = {"B", "C"};
  EXPECT_EQ(field_of(j), "gap");
  j = base_spec();
  j["confidence"] = 1;
  EXPECT_EQ(field_of(j), "confidence");
  j = base_spec();
  j["sweeps"]["A"] = "../a";
  EXPECT_EQ(field_of(j), "sweeps.A");
  j = base_spec();
  j["name"] = "../s";
  EXPECT_EQ(field_of(j), "name");
  j = base_spec();
  j["colour"] = "red";
  EXPECT_EQ(field_of(j), "colour");
  // A sweep whose CSV is missing, or lacks a column.
  const auto spec = damlab::parse_summary_spec(base_spec());
  EXPECT_THROW(damlab::summarize(spec, {{"a", csvs.at("a")}}), damlab::InvalidArgument);
  auto broken = csvs;
  broken["a"] = "point,model.n\n0,7\n";
  EXPECT_THROW(damlab::summarize(spec, broken), damlab::InvalidArgument);
}

}  // namespace
