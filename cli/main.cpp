// damlab: the native command-line runner. Exit codes (docs/cli.md): 0
// success; 2 bad flags, values, specs or input files, an output that cannot
// be written, out of memory; 3 a merge with points missing; 130 a sweep or a
// train run interrupted (SIGINT, SIGTERM); 1 anything unexpected.
#include <exception>
#include <filesystem>
#include <iostream>
#include <new>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <CLI/CLI.hpp>

#include "capacity_command.hpp"
#include "damlab/util/error.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/util/version.hpp"
#include "execute.hpp"
#include "pack_command.hpp"
#include "theory_command.hpp"
#include "sweep_command.hpp"
#include "memories_command.hpp"
#include "separation_command.hpp"
#include "summarize_command.hpp"
#include "file_bytes.hpp"
#include "output_file.hpp"

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // A sweep runs thousands of small points, each allocating and freeing its
  // tables: keep freed memory in the process instead of handing it back to
  // the kernel after every point (which cost a third of a Fig. 2 sweep).
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  mallopt(M_TOP_PAD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
#endif
  CLI::App app{
      "damlab: capacity of Dense Associative Memories (modern Hopfield "
      "networks)"};
  app.set_version_flag("--version", std::string(damlab::code_version()),
                       "Print the code version and exit");
  app.require_subcommand(1);
  damlab::cli::CapacityOptions capacity_options;
  CLI::App* capacity = damlab::cli::add_capacity_command(app, capacity_options);

  std::string spec_path, run_out;
  CLI::App* run = app.add_subcommand(
      "run", "Run an experiment spec (JSON; see docs/experiments.md) and print its record");
  run->add_option("spec", spec_path,
                  "Spec file; an idx data path in it is relative to the spec's folder")
      ->required();
  run->add_option("--out", run_out,
                  "Write the record to OUT/STEM.json instead of printing it (STEM: the spec "
                  "file's name without .json) and, for \"measure\": \"train\", the trained "
                  "memories to OUT/STEM.memories; the folder is created if needed");

  damlab::cli::SweepCommandOptions sweep_options;
  CLI::App* sweep = damlab::cli::add_sweep_command(app, sweep_options);
  CLI::App* merge = damlab::cli::add_merge_command(app, sweep_options);
  damlab::cli::PackOptions pack_options{DAMLAB_DEFAULT_DATA_DIR, DAMLAB_DEFAULT_MNIST_DIR};
  CLI::App* pack = damlab::cli::add_pack_command(app, pack_options);
  damlab::cli::SummarizeOptions summarize_options;
  CLI::App* summarize = damlab::cli::add_summarize_command(app, summarize_options);
  damlab::cli::SeparationOptions separation_options;
  CLI::App* separation = damlab::cli::add_separation_command(app, separation_options);
  damlab::cli::MemoriesOptions memories_options;
  CLI::App* memories = damlab::cli::add_memories_command(app, memories_options);
  damlab::cli::TheoryOptions theory_options;
  CLI::App* theory = damlab::cli::add_theory_command(app, theory_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // app.exit prints help/version (code 0) or the error message.
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (sweep->parsed()) return damlab::cli::run_sweep_command(sweep_options);
    if (merge->parsed()) return damlab::cli::run_merge_command(sweep_options);
    if (summarize->parsed()) return damlab::cli::run_summarize_command(summarize_options);
    if (pack->parsed()) return damlab::cli::run_pack_command(pack_options);
    if (separation->parsed()) {
      std::cout << damlab::cli::separation_json(separation_options) << '\n';
      damlab::cli::finish_stdout();
      return 0;
    }
    if (memories->parsed()) {
      std::cout << damlab::cli::memories_csv(memories_options);
      damlab::cli::finish_stdout();
      return 0;
    }
    if (theory->parsed()) {
      std::cout << damlab::cli::theory_json(theory_options) << '\n';
      damlab::cli::finish_stdout();
      return 0;
    }
    damlab::Json record;
    if (capacity->parsed()) {
      record = damlab::cli::execute(
          damlab::parse_spec(damlab::cli::capacity_spec(capacity_options)), "");
    } else {
      return damlab::cli::run_command(spec_path, run_out);
    }
    std::cout << record.dump(2) << '\n';
    damlab::cli::finish_stdout();
  } catch (const damlab::InvalidArgument& e) {
    std::cerr << "damlab: error: "
              << (capacity->parsed() ? damlab::cli::with_flag_names(e) : std::string(e.what()))
              << '\n';
    return 2;
  } catch (const damlab::DataError& e) {
    std::cerr << "damlab: error: " << e.what() << '\n';
    return 2;
  } catch (const damlab::cli::FileError& e) {
    std::cerr << "damlab: error: " << e.what() << '\n';
    return 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "damlab: error: out of memory (a smaller N, S or sweep needs less)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "damlab: unexpected error: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
