#include "theory_command.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

#include "damlab/dam/finite_capacity.hpp"
#include "damlab/data/rademacher.hpp"
#include "damlab/dam/theory.hpp"
#include "damlab/measures/mean_interval.hpp"
#include "damlab/measures/random_instability.hpp"
#include "damlab/util/error.hpp"
#include "output_file.hpp"

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
  cmd->add_option("--finite", o.finite,
                  "Kinds (poly, rectpoly) of the finite-N estimate of the 'all first K retrieved' "
                  "capacity from the exact per-bit margin law, at every --n and --N");
  cmd->add_option("--K", o.K, "With --finite: memory counts K for p_bit beside Eq. 3");
  cmd->add_option("--sets", o.sets, "With --finite: random sets measured per case (0: none)")
      ->capture_default_str();
  cmd->add_option("--seed", o.seed, "Seed of the first measured set")->capture_default_str();
  cmd->add_option("--threads", o.threads, "Threads of each measurement")->capture_default_str();
  cmd->add_option("--out", o.out,
                  "With --finite: folder for NAME-finite-capacity.csv and "
                  "NAME-bit-instability.csv (with --K)");
  cmd->add_option("--name", o.name, "NAME of the CSV files")->capture_default_str();
  cmd->add_option("--beta", o.beta,
                  "With --sets and --S: measure the exponential DAM (F = exp(beta x)) at these "
                  "beta and every N (rows \"exponential_measured\", NAME-exp-capacity.csv)");
  cmd->add_option("--S", o.S, "Patterns per set of the --beta measurement");
  return cmd;
}

namespace {

std::string number(double v) {
  if (std::isnan(v)) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

// One table as CSV: the header, then every row's values in the header's order.
std::string csv(const nlohmann::ordered_json& rows) {
  if (rows.empty()) return "";
  std::string text;
  for (auto it = rows.front().begin(); it != rows.front().end(); ++it)
    text += (it == rows.front().begin() ? "" : ",") + it.key();
  text += '\n';
  for (const auto& row : rows) {
    bool first = true;
    for (const auto& v : row) {
      text += first ? "" : ",";
      first = false;
      text += v.is_string()           ? v.get<std::string>()
              : v.is_number_integer() ? v.dump()
              : v.is_null()           ? ""
                                      : number(v.get<double>());
    }
    text += '\n';
  }
  return text;
}

// The measured columns of a row: Kmax of o.sets random sets of S patterns.
std::vector<std::size_t> measure(const TheoryOptions& o, std::size_t N, std::size_t S,
                                 const Separation& F, nlohmann::ordered_json& row) {
  const auto measured = random_kmax(N, S, F, o.sets, o.seed, o.threads);
  const std::vector<double> values(measured.begin(), measured.end());
  const Interval interval = mean_interval(values, 0.95);
  auto kmax = measured;
  std::sort(kmax.begin(), kmax.end());
  const std::size_t R = kmax.size();
  row["sets"] = R;
  row["S"] = S;
  row["censored"] = std::count(kmax.begin(), kmax.end(), S);
  row["measured_mean"] = interval.estimate;
  row["measured_low"] = interval.low;
  row["measured_high"] = interval.high;
  row["measured_median"] = R % 2 ? double(kmax[R / 2]) : (double(kmax[R / 2 - 1]) + double(kmax[R / 2])) / 2;
  return measured;  // set by set, in seed order
}

void finite_tables(const TheoryOptions& o, nlohmann::ordered_json& capacity,
                   nlohmann::ordered_json& bits) {
  for (const std::string& kind : o.finite) {
    require(kind == "poly" || kind == "rectpoly", "finite", kind, "poly or rectpoly");
    for (const int n : o.n) {
      const Separation F = Separation::from_name(kind, n, 1);
      for (const std::size_t N : o.N) {
        const auto est = theory::finite_capacity(N, F);
        nlohmann::ordered_json row = {{"F", kind}, {"n", n}, {"N", N}, {"estimate_mean", est.mean},
                                      {"estimate_q1", est.lower_quartile},
                                      {"estimate_median", est.median},
                                      {"estimate_q3", est.upper_quartile}};
        if (o.sets > 0) {
          // S twice the estimated upper quartile: no set is expected to reach it.
          const auto kmax = measure(o, N, 2 * est.upper_quartile + 20, F, row);
          double squares = 0;
          const double R = double(kmax.size()), mean = row["measured_mean"].get<double>();
          for (const std::size_t k : kmax) squares += (double(k) - mean) * (double(k) - mean);
          const double sd = R > 1 ? std::sqrt(squares / (R - 1)) : NAN;
          row["measured_sd"] = sd;
          row["z"] = (mean - est.mean) / (sd / std::sqrt(R));
          // P(Kmax >= estimated median): measured, and as estimated.
          row["p_at_median"] = theory::all_retrieved_probability(N, F, est.median);
          row["measured_at_median"] =
              double(std::count_if(kmax.begin(), kmax.end(), [&](std::size_t k) { return k >= est.median; })) / R;
        }
        capacity.push_back(row);
        for (const std::size_t K : o.K) {
          nlohmann::ordered_json b = {{"F", kind}, {"n", n}, {"N", N}, {"K", K},
                                      {"p_bit", theory::bit_instability(N, F, K)},
                                      {"p_gaussian", theory::bit_instability_gaussian(N, F, K)},
                                      {"p_eq3", theory::error_probability(N, n, double(K))},
                                      {"p_all_retrieved", theory::all_retrieved_probability(N, F, K)}};
          if (o.sets > 0) {
            const auto count = random_instability(N, K, F, o.sets, o.seed, o.threads);
            b["unstable_bits"] = count.unstable_bits;
            b["bits"] = count.bits;
            b["measured_rate"] = double(count.unstable_bits) / double(count.bits);
            b["stable_patterns"] = count.stable_patterns;
            b["patterns"] = count.patterns;
            b["retrieved_sets"] = count.retrieved_sets;
            b["sets"] = count.sets;
          }
          bits.push_back(b);
        }
      }
    }
  }
}

}  // namespace

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
  if (!o.beta.empty()) {
    require(o.sets > 0, "sets", o.sets, "at least 1 with --beta");
    require(o.S > 0, "S", o.S, "at least 1 with --beta");
    if (!o.out.empty()) check_output_folder(o.out);
    ordered_json rows = ordered_json::array();
    for (const double beta : o.beta)
      for (const std::size_t N : o.N) {
        ordered_json row = {{"F", "exp"}, {"beta", beta}, {"N", N},
                            {"exponential", theory::kmax_exponential(N)},
                            {"close_pair", theory::kmax_close_pair(N)}};
        const auto kmax = measure(o, N, o.S, Separation::exponential(beta), row);
        // Sets whose first failure (at K = Kmax + 1) comes with a pair at
        // Hamming distance 1 among those Kmax + 1 patterns.
        std::size_t close = 0;
        for (std::size_t r = 0; r < o.sets; ++r)
          close += kmax[r] < o.S && holds_close_pair(rademacher(N, kmax[r] + 1, 0.5, o.seed + r), kmax[r] + 1);
        row["close_pair_failures"] = close;
        rows.push_back(row);
      }
    out["exponential_measured"] = rows;
    if (!o.out.empty()) write_file_atomically(o.out + "/" + o.name + "-exp-capacity.csv", csv(rows));
  }
  if (!o.finite.empty()) {
    if (!o.out.empty()) check_output_folder(o.out);
    ordered_json capacity = ordered_json::array(), bits = ordered_json::array();
    finite_tables(o, capacity, bits);
    out["finite"] = capacity;
    if (!o.K.empty()) out["bit_instability"] = bits;
    if (!o.out.empty()) {
      write_file_atomically(o.out + "/" + o.name + "-finite-capacity.csv", csv(capacity));
      if (!o.K.empty())
        write_file_atomically(o.out + "/" + o.name + "-bit-instability.csv", csv(bits));
    }
  }
  return out.dump(2);
}

}  // namespace damlab::cli
