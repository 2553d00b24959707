#include "capacity_command.hpp"

#include <charconv>
#include <map>
#include <sstream>

#include "damlab/dam/separation.hpp"
#include "damlab/experiment/spec.hpp"

namespace damlab::cli {

namespace {

using Json = nlohmann::ordered_json;

// Generous bounds that still keep N * S bits allocatable on one machine.
constexpr std::size_t max_N = max_spec_N;
constexpr std::size_t max_S = max_spec_S;

// A real number in [low, high], or (low, high] when open_low. Written out
// because CLI::Range accepts NaN and prints bounds as 0.000000.
CLI::Validator real_in(double low, double high, bool open_low) {
  std::ostringstream range;
  range << (open_low ? "(" : "[") << low << ", " << high << "]";
  const std::string text = range.str();
  return CLI::Validator(
      [=](std::string& input) -> std::string {
        double value = 0;
        const bool parsed = CLI::detail::lexical_cast(input, value);
        const bool above_low = open_low ? value > low : value >= low;
        if (parsed && above_low && value <= high) return {};
        return "Value " + input + " not in range " + text;
      },
      "in " + text);
}

// Decimal digits of an integer in [0, 2^53 - 1], the seeds a JSON number
// keeps exactly everywhere. (CLI11's strtoull would turn "-1" into 2^64 - 1.)
CLI::Validator seed_range() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        std::uint64_t value = 0;
        const char* end = input.data() + input.size();
        const auto [stop, error] = std::from_chars(input.data(), end, value);
        if (!input.empty() && error == std::errc{} && stop == end && value <= max_seed)
          return {};
        return "Value " + input + " is not an integer in [0, 2^53 - 1]";
      },
      "");
}

}  // namespace

CLI::App* add_capacity_command(CLI::App& app, CapacityOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "capacity",
      "Kmax of an ordered pattern set: the largest K such that the first K "
      "patterns, stored as memories, are all fixed points. Prints one JSON "
      "object on stdout.");

  auto* source = cmd->add_option_group(
      "data source", "Exactly one of --idx (a file) or --p (generated)");
  auto* idx = source->add_option(
      "--idx", o.idx_path,
      "IDX file (plain or gzipped) of unsigned bytes (type 0x08), items x item shape, e.g. the "
      "MNIST image files");
  auto* p = source->add_option(
      "--p", o.p,
      "Skewed Rademacher patterns: each bit +1 with probability P, in [0, 1]");
  source->require_option(1);

  auto* threshold = cmd->add_option(
      "--threshold", o.threshold,
      "With --idx: byte value >= T gives +1, below gives -1; in [0, 255], "
      "default 128");
  threshold->check(CLI::Range(0, 255))->needs(idx);
  auto* first = cmd->add_option(
      "--first", o.first,
      "With --idx: use the first K items, K in [1, items in file]; default all");
  first->check(CLI::Range(std::size_t{1}, max_S))->needs(idx);

  auto* N = cmd->add_option(
      "--N", o.N, "With --p (required): bits per pattern, in [1, 1048576]");
  N->check(CLI::Range(std::size_t{1}, max_N))->needs(p);
  auto* S = cmd->add_option(
      "--S", o.S, "With --p (required): number of patterns, in [1, 1048576]");
  S->check(CLI::Range(std::size_t{1}, max_S))->needs(p);
  auto* seed = cmd->add_option(
      "--seed", o.seed,
      "With --p: seed of the generator, integer in [0, 2^53 - 1]; default 1");
  seed->check(seed_range())->needs(p);
  p->check(real_in(0.0, 1.0, false))->needs(N)->needs(S);

  cmd->add_option("--F", o.F,
                  "Separation function: poly (x^n), rectpoly (x^n for x > 0, "
                  "else 0) or exp (exp(beta x)); default rectpoly")
      ->check(CLI::IsMember({"poly", "rectpoly", "exp"}));
  auto* n = cmd->add_option(
      "--n", o.n,
      "Degree of poly and rectpoly, integer in [1, " +
          std::to_string(Separation::max_degree) + "]; default 3");
  n->check(CLI::Range(1, Separation::max_degree));
  auto* beta = cmd->add_option(
      "--beta", o.beta,
      "Inverse temperature of exp, in (0, " +
          std::to_string(static_cast<int>(Separation::max_beta)) +
          "]; default 1");
  beta->check(real_in(0.0, Separation::max_beta, true));

  // A parameter of the other kind of F would be silently ignored: reject it.
  cmd->callback([&o, idx, first, n, beta] {
    o.from_idx = idx->count() > 0;
    o.first_given = first->count() > 0;
    if (o.F == "exp" && n->count() > 0)
      throw CLI::ValidationError("--n", "applies to --F poly and rectpoly, not exp");
    if (o.F != "exp" && beta->count() > 0)
      throw CLI::ValidationError("--beta", "applies only to --F exp, not " + o.F);
  });
  return cmd;
}

std::string with_flag_names(const damlab::InvalidArgument& error) {
  static const std::map<std::string, std::string> flags = {
      {"data.N", "--N"},       {"data.S", "--S"},         {"data.p", "--p"},
      {"data.seed", "--seed"}, {"data.path", "--idx"},    {"data.threshold", "--threshold"},
      {"data.first", "--first"}, {"model.F", "--F"},      {"model.n", "--n"},
      {"model.beta", "--beta"}};
  const std::string message = error.what();
  const auto flag = flags.find(error.field());
  if (flag == flags.end() || message.rfind(error.field(), 0) != 0) return message;
  return flag->second + message.substr(error.field().size());
}

Json capacity_spec(const CapacityOptions& o) {
  Json data;
  if (o.from_idx) {
    data = {{"source", "idx"}, {"path", o.idx_path}, {"threshold", o.threshold}};
    if (o.first_given) data["first"] = o.first;
  } else {
    data = {{"source", "rademacher"}, {"N", o.N}, {"S", o.S}, {"p", o.p}, {"seed", o.seed}};
  }
  Json model = {{"F", o.F}};
  if (o.F == "exp")
    model["beta"] = o.beta;
  else
    model["n"] = o.n;
  return {{"measure", "capacity"}, {"data", data}, {"model", model}};
}

}  // namespace damlab::cli
