// `damlab theory` prints the theory lines of dam/theory.hpp for a list of N,
// as JSON, so that figure scripts draw the core's formulas instead of
// writing their own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct TheoryOptions {
  std::vector<std::size_t> N;
  std::vector<int> n = {3};          // degrees of the polynomial DAM lines
  std::vector<double> a = {0.1};     // activity levels of the Willshaw lines
  std::vector<double> epsilon;       // Prop. 6.3's random-match tolerances
};

CLI::App* add_theory_command(CLI::App& app, TheoryOptions& options);

// The JSON text: {"N": [...], "hopfield": [...], "mceliece": [...],
// "exponential": [...], "dam": {"n": [...]}, "willshaw": {"a": [...]}},
// each list one value per N; with --epsilon also "random_match": {"ε":
// {"exact": [...], "gaussian": [...]}} (Prop. 6.3, dam/theory.hpp).
std::string theory_json(const TheoryOptions& options);

}  // namespace damlab::cli
