#include "theory_command.hpp"

#include <nlohmann/json.hpp>

#include "damlab/dam/theory.hpp"

namespace damlab::cli {

CLI::App* add_theory_command(CLI::App& app, TheoryOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "theory", "Print the capacity theory lines (Kmax estimates of dam/theory.hpp) for each N, as JSON");
  cmd->add_option("--N", o.N, "Pattern sizes N")->required();
  cmd->add_option("--n", o.n, "Degrees n of the polynomial DAM line N^(n-1) / (2 (2n-3)!! ln N)")
      ->capture_default_str();
  cmd->add_option("--a", o.a, "Activity levels a of the Willshaw line")->capture_default_str();
  cmd->add_option("--epsilon", o.epsilon,
                  "Tolerances ε of P(|<xi, y>| >= (1 - eps) N) for random ±1 patterns "
                  "(Prop. 6.3 of the overloaded-regime paper): exact binomial and Gaussian; "
                  "N in [1, 1000]");
  return cmd;
}

std::string theory_json(const TheoryOptions& o) {
  using nlohmann::ordered_json;
  ordered_json out;
  out["N"] = o.N;
  ordered_json hopfield = ordered_json::array(), mceliece = ordered_json::array(),
               exponential = ordered_json::array(), dam = ordered_json::object(),
               willshaw = ordered_json::object();
  for (const std::size_t N : o.N) {
    hopfield.push_back(theory::kmax_hopfield(N));
    mceliece.push_back(theory::kmax_mceliece(N));
    exponential.push_back(theory::kmax_exponential(N));
  }
  for (const int n : o.n) {
    ordered_json line = ordered_json::array();
    for (const std::size_t N : o.N) line.push_back(theory::kmax(N, n));
    dam[std::to_string(n)] = line;
  }
  for (const double a : o.a) {
    ordered_json line = ordered_json::array();
    for (const std::size_t N : o.N) line.push_back(theory::kmax_willshaw(N, a));
    willshaw[ordered_json(a).dump()] = line;
  }
  out["hopfield"] = hopfield;
  out["mceliece"] = mceliece;
  out["exponential"] = exponential;
  out["dam"] = dam;
  out["willshaw"] = willshaw;
  if (!o.epsilon.empty()) {
    ordered_json match = ordered_json::object();
    for (const double eps : o.epsilon) {
      ordered_json exact = ordered_json::array(), gaussian = ordered_json::array();
      for (const std::size_t N : o.N) {
        exact.push_back(theory::random_match_exact(N, eps));
        gaussian.push_back(theory::random_match_gaussian(N, eps));
      }
      match[ordered_json(eps).dump()] = {{"exact", exact}, {"gaussian", gaussian}};
    }
    out["random_match"] = match;
  }
  return out.dump(2);
}

}  // namespace damlab::cli
