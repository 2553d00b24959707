// A budget refusal advises the largest size that passes: found with the same
// test that refuses, so the advised size passes and one more fails. The
// greedy selection is budgeted before it runs.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "damlab/data/packed_asset.hpp"
#include "damlab/experiment/budget.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/error.hpp"

namespace {

// The size a refusal advises ("… can be at most M"), and its field.
std::size_t advised(const std::function<void()>& check, const std::string& field) {
  try {
    check();
  } catch (const damlab::InvalidArgument& e) {
    EXPECT_EQ(e.field(), field);
    const std::string text = e.what();
    const auto at = text.rfind("can be at most ");
    EXPECT_NE(at, std::string::npos) << text;
    return std::stoul(text.substr(at + 15));
  }
  ADD_FAILURE() << "accepted";
  return 0;
}

// A capacity spec; check_budget is given the sizes to check.
damlab::Spec capacity_spec() {
  return damlab::parse_spec(damlab::Json{
      {"data", {{"source", "rademacher"}, {"N", 10}, {"S", 10}, {"p", 0.5}}}});
}

TEST(BudgetAdvice, AdvisedSizePassesAndOneMoreFails) {
  // N = 784: the margins allow S up to 85598, the S² × N work only 37449;
  // whichever check refuses first, the advice is the S that passes them all.
  for (const std::size_t N : {1u, 64u, 784u, 1024u, 4096u, 100000u}) {
    for (const std::size_t S : {90000u, 200000u, 1u << 20}) {
      const damlab::Spec spec = capacity_spec();
      bool refused = false;
      try {
        damlab::check_budget(spec, N, S);
      } catch (const damlab::InvalidArgument&) {
        refused = true;
      }
      if (!refused) continue;
      const std::size_t most = advised([&] { damlab::check_budget(spec, N, S); }, "data.S");
      EXPECT_NO_THROW(damlab::check_budget(spec, N, most)) << "N = " << N << ", advised " << most;
      EXPECT_THROW(damlab::check_budget(spec, N, most + 1), damlab::InvalidArgument)
          << "N = " << N << ", advised " << most;
    }
  }
  EXPECT_EQ(advised([&] { damlab::check_budget(capacity_spec(), 784, 90000); }, "data.S"),
            37449u);
}

damlab::DataSpec greedy(std::size_t S) {
  return damlab::parse_spec(damlab::Json{{"data",
                                          {{"source", "fashion-mnist"},
                                           {"S", S},
                                           {"selection", "greedy"},
                                           {"target_hd", 100}}}})
      .data;
}

TEST(BudgetAdvice, GreedySelectionIsBudgeted) {
  // Fashion-MNIST: 70,000 patterns of 784 bits. 100 attempts × 60,000
  // candidates × 60,000 members × 13 words is far above 2^40.
  EXPECT_THROW(damlab::check_selection_budget(greedy(60000), 784, 70000), damlab::InvalidArgument);
  const std::size_t most =
      advised([&] { damlab::check_selection_budget(greedy(60000), 784, 70000); }, "data.S");
  EXPECT_NO_THROW(damlab::check_selection_budget(greedy(most), 784, 70000));
  EXPECT_THROW(damlab::check_selection_budget(greedy(most + 1), 784, 70000),
               damlab::InvalidArgument);
  // The experiments' greedy subsets (S = 50 of MNIST's 10,000) pass.
  EXPECT_NO_THROW(damlab::check_selection_budget(greedy(50), 784, 10000));
}

// The refusal comes before the selection runs: a pool of 70,000 patterns
// (all zero, so the target cannot be met and every attempt would run to its
// cap) is refused at once.
TEST(BudgetAdvice, GreedyRefusedBeforeItRuns) {
  damlab::LabeledPatterns pool;
  pool.patterns = damlab::PatternSet(784, 70000);
  pool.labels.assign(70000, 0);
  pool.source = "zeros";
  const auto bytes = damlab::pack_asset(pool);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(damlab::load_data(greedy(60000), bytes), damlab::InvalidArgument);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
