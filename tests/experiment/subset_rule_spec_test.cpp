// data.rule of greedy selections: parsed, written back, refused by name, and
// passed through to the core's greedy_subset.
#include <gtest/gtest.h>

#include <string>

#include "damlab/data/packed_asset.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/data/subsets.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/error.hpp"

namespace {

std::string greedy_spec(const std::string& extra) {
  return R"({"data": {"source": "mnist", "selection": "greedy", "S": 6, "target_hd": 20)" + extra +
         "}}";
}

// The field and message of the InvalidArgument a spec text raises.
std::pair<std::string, std::string> rule_spec_error(const std::string& text) {
  try {
    damlab::parse_spec_text(text);
  } catch (const damlab::InvalidArgument& e) {
    return {e.field(), e.what()};
  }
  return {"(no error)", ""};
}

TEST(SubsetRuleSpec, DefaultIsBandAndStrictHasNoBand) {
  const auto band = damlab::to_json(damlab::parse_spec_text(greedy_spec("")));
  EXPECT_EQ(band["data"]["rule"], "band");
  EXPECT_EQ(band["data"]["band"], 1.0);
  const auto strict = damlab::to_json(damlab::parse_spec_text(greedy_spec(R"(, "rule": "strict")")));
  EXPECT_EQ(strict["data"]["rule"], "strict");
  EXPECT_FALSE(strict["data"].contains("band"));
  // The normalized spec reads back to itself.
  EXPECT_EQ(damlab::to_json(damlab::parse_spec(strict)), strict);
  EXPECT_EQ(damlab::parse_spec(band).data.rule, damlab::SubsetRule::band);
}

TEST(SubsetRuleSpec, BadValuesNameTheFieldAndTheChoices) {
  auto [field, message] = rule_spec_error(greedy_spec(R"(, "rule": "loose")"));
  EXPECT_EQ(field, "data.rule");
  EXPECT_NE(message.find("band or strict"), std::string::npos) << message;
  std::tie(field, message) = rule_spec_error(greedy_spec(R"(, "rule": 1)"));
  EXPECT_EQ(field, "data.rule");
  std::tie(field, message) = rule_spec_error(greedy_spec(R"(, "rule": "strict", "band": 2)"));
  EXPECT_EQ(field, "data.band");
  EXPECT_NE(message.find("strict"), std::string::npos) << message;
  // Only greedy selections have a rule.
  std::tie(field, message) = rule_spec_error(
      R"({"data": {"source": "mnist", "selection": "random", "S": 5, "rule": "strict"}})");
  EXPECT_EQ(field, "data.rule");
  EXPECT_EQ(rule_spec_error(greedy_spec(R"(, "rule": "band", "band": 0)")).first, "(no error)");
}

// The rule reaches the core: the spec's set is the core's strict subset.
TEST(SubsetRuleSpec, LoadDataUsesTheRule) {
  damlab::LabeledPatterns pool;
  pool.patterns = damlab::rademacher(40, 60, 0.7, 5);
  pool.labels.assign(60, 0);
  pool.source = "sixty";
  const auto bytes = damlab::pack_asset(pool);
  const auto spec = damlab::parse_spec_text(greedy_spec(R"(, "rule": "strict", "seed": 4)"));
  const auto loaded = damlab::load_data(spec.data, bytes);
  damlab::GreedySubsetOptions o;
  o.size = 6;
  o.target_hd = 20;
  o.seed = 4;
  o.rule = damlab::SubsetRule::strict;
  const auto subset = damlab::greedy_subset(pool.patterns, pool.labels, o);
  EXPECT_EQ(loaded.patterns, damlab::select_patterns(pool.patterns, subset.indices));
  EXPECT_EQ(loaded.notes.at("greedy").at("attempts"), 1);
  EXPECT_EQ(loaded.notes.at("greedy").at("capped"), subset.capped.size());
}

}  // namespace
