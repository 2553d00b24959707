// `damlab theory` prints the theory lines of dam/theory.hpp for a list of N,
// as JSON, so that figure scripts draw the core's formulas instead of
// writing their own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace damlab::cli {

struct TheoryOptions {
  std::vector<std::size_t> N;
  std::vector<int> n = {3};          // degrees of the polynomial DAM lines
  std::vector<double> a = {0.1};     // activity levels of the Willshaw lines
  std::vector<double> epsilon;       // Prop. 6.3's random-match tolerances
  // The finite-N capacity (dam/finite_capacity.hpp) for these kinds (poly,
  // rectpoly) at every n and N; with K, p_bit beside Eq. 3 at those K; with
  // sets > 0, both measured on that many random sets (seed, seed + 1, ...).
  std::vector<std::string> finite;
  std::vector<std::size_t> K;
  std::size_t sets = 0;
  std::uint64_t seed = 1;
  std::size_t threads = 1;
  std::string out;            // folder for NAME-finite-capacity.csv, NAME-bit-instability.csv
  std::string name = "theory";
  // The exponential DAM measured (with sets > 0) at these β and every N, on
  // sets of S random patterns.
  std::vector<double> beta;
  std::size_t S = 0;
};

CLI::App* add_theory_command(CLI::App& app, TheoryOptions& options);

// The JSON text: {"N": [...], "hopfield": [...], "mceliece": [...],
// "exponential": [...], "dam": {"n": [...]}, "willshaw": {"a": [...]}},
// each list one value per N; with --epsilon also "random_match": {"ε":
// {"exact": [...], "gaussian": [...]}} (Prop. 6.3, dam/theory.hpp); with
// --finite also "finite" and, with --K, "bit_instability" (one row per case,
// the CSV columns). With --out the two tables are also written as CSV files.
std::string theory_json(const TheoryOptions& options);

}  // namespace damlab::cli
