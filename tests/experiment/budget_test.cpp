// Budgets (spec.hpp): specs asking for more memory or time are refused before
// any work, naming the field, the size asked for and the limit.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/grid.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/spec.hpp"

namespace {

using damlab::Json;

// The InvalidArgument of parsing (and, if that passes, running) text.
damlab::InvalidArgument refusal(const std::string& text, std::span<const std::uint8_t> bytes = {}) {
  try {
    damlab::run_spec(damlab::parse_spec_text(text), bytes);
  } catch (const damlab::InvalidArgument& e) {
    return e;
  }
  ADD_FAILURE() << "accepted: " << text;
  return {"(none)", ""};
}

void expect_message(const damlab::InvalidArgument& e, const std::vector<std::string>& parts) {
  for (const auto& part : parts)
    EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
        << "'" << part << "' missing from: " << e.what();
}

std::string rademacher(std::size_t N, std::size_t S, const std::string& rest = "") {
  return R"({"data": {"source": "rademacher", "N": )" + std::to_string(N) + R"(, "S": )" +
         std::to_string(S) + R"(, "p": 0.5})" + rest + "}";
}

TEST(Limits, PatternBits) {
  // 2^20 x 2^12 bits = 512 MiB, above 2^31 bits; the same for every measure.
  const auto e = refusal(rademacher(1 << 20, 1 << 12, R"(, "measure": "recall")"));
  EXPECT_EQ(e.field(), "data.S");
  expect_message(e, {"data.S = 4096 with N = 1048576", "4294967296 bits (512 MiB)",
                     "limit of 2147483648 bits (256 MiB)", "data.S can be at most 2048"});
  // At the limit the spec is valid (it is not run here).
  EXPECT_NO_THROW(
      damlab::parse_spec_text(rademacher(1 << 20, 1 << 11, R"(, "measure": "recall", "probe": {"K": 1})")));
}

TEST(Limits, CapacityMarginsAndWork) {
  // S x N = 2^27 margins (1 GiB as doubles) > 2^26.
  auto e = refusal(rademacher(1 << 10, 1 << 17));
  EXPECT_EQ(e.field(), "data.S");
  expect_message(e, {"keeps S × N = 134217728 margins as doubles (1024 MiB)",
                     "limit of 67108864 (512 MiB)", "data.S can be at most 32768"});
  // S^2 x N = 2.5e12 > 2^40, within the margin budget.
  e = refusal(rademacher(784, 56000));
  EXPECT_EQ(e.field(), "data.S");
  expect_message(e, {"S² × N = 2.46e+12 margin updates", "limit of 2^40 = 1.1e+12",
                     "data.S can be at most 37449"});
  EXPECT_NO_THROW(damlab::parse_spec_text(rademacher(784, 37449)));
}

TEST(Limits, ProbeWork) {
  const auto e = refusal(rademacher(784, 60000, R"(, "measure": "recall", "probe": {"steps": 10})"));
  EXPECT_EQ(e.field(), "probe");
  expect_message(e, {"measure = recall takes K × probes × N × steps = 60000 × 6e+04 × 784 × 10",
                     "2.82e+13 bit updates", "limit of 2^40", "lower probe.K, probe.count or probe.steps"});
  const auto r = refusal(rademacher(1000, 5000, R"(, "measure": "retrievability", "probe": {"trials": 1000})"));
  EXPECT_EQ(r.field(), "probe");
  expect_message(r, {"5000 × 5e+06 × 1000 × 1", "probe.trials"});
  // The Fashion-MNIST overloaded experiment's largest point stays well inside.
  EXPECT_NO_THROW(damlab::check_budget(
      damlab::parse_spec_text(R"({"measure": "classification", "data": {"source": "fashion-mnist", "S": 31000},
                                  "model": {"F": "poly", "n": 2}, "probe": {"K": 30000, "count": 1000}})"),
      784, 31000));
}

// Sizes known only from the file (idx, packed assets) are checked once the
// data is loaded, before measuring; the field is the one that picks fewer.
TEST(Limits, LoadedDataIsCheckedBeforeMeasuring) {
  const auto idx = damlab::parse_spec_text(R"({"data": {"source": "idx", "path": "big.idx"}})");
  try {
    damlab::check_budget(idx, 784, 60000);
    FAIL();
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "data.first");
    expect_message(e, {"data.first = all 60000 patterns with N = 784", "data.first can be at most 37449"});
  }
  const auto asset = damlab::parse_spec_text(R"({"data": {"source": "fashion-mnist"}})");
  EXPECT_EQ(
      [&] {
        try {
          damlab::check_budget(asset, 784, 70000);
        } catch (const damlab::InvalidArgument& e) {
          return e.field();
        }
        return std::string("(no error)");
      }(),
      "data.S");
}

TEST(Limits, IdxHeaderAndSweepPoints) {
  // The header's dims are checked before any allocation (idx_test has more).
  const std::vector<std::uint8_t> header = {0, 0, 8, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
  EXPECT_THROW(damlab::parse_idx(header), damlab::DataError);
  // Every point of a sweep is checked before any runs: point 1 is too big.
  try {
    damlab::parse_experiment(Json::parse(
        R"({"data": {"source": "rademacher", "N": 784, "S": 10, "p": 0.5}, "sweep": [{"data.S": [10, 60000]}]})"));
    FAIL();
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), "data.S");
    expect_message(e, {"sweep point 1: data.S = 60000"});
  }
}

}  // namespace
