#include "execute.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#include "damlab/util/error.hpp"
#include "damlab/data/idx.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/train_record.hpp"
#include "damlab/experiment/trained_source.hpp"
#include "file_bytes.hpp"
#include "interrupts.hpp"
#include "output_file.hpp"

namespace damlab::cli {

namespace {

// A one-line progress bar on stderr, only when stderr is a terminal (logs and
// CI output stay clean).
Progress terminal_progress() {
  if (!isatty(STDERR_FILENO)) return {};
  return [last = -1](double fraction) mutable {
    const int percent = static_cast<int>(fraction * 100);
    if (percent == last) return true;
    last = percent;
    std::fprintf(stderr, "\r[%-40s] %3d%%", std::string(percent * 40 / 100, '#').c_str(), percent);
    if (percent == 100) std::fputc('\n', stderr);
    return true;
  };
}

std::string output_path(const std::string& out_dir, const std::string& spec_path,
                        const std::string& extension) {
  return (std::filesystem::path(out_dir) / (std::filesystem::path(spec_path).stem().string() + extension))
      .string();
}

void write_record(const Json& record, const std::string& out_dir, const std::string& spec_path) {
  if (out_dir.empty()) {
    std::cout << record.dump(2) << '\n';
    finish_stdout();
    return;
  }
  const std::string path = output_path(out_dir, spec_path, ".json");
  write_file_atomically(path, record.dump(2) + "\n");
  std::fprintf(stderr, "damlab: wrote %s\n", path.c_str());
}

int run_train(const Spec& spec, const std::string& spec_path, const std::string& out_dir) {
  // Only a train run polls for interrupts; other runs keep the default
  // (a signal ends them at once).
  handle_interrupts();
  const std::string base = std::filesystem::path(spec_path).parent_path().string();
  FileLoader loader(max_command_data_bytes);
  FileBytes files;
  for (const std::string& name : spec.labelled.files())
    files[name] = loader.read(labelled_file_path(spec.labelled, name, base), max_data_file_bytes);
  const std::string memories_path = out_dir.empty() ? "" : output_path(out_dir, spec_path, ".memories");
  const auto start = std::chrono::steady_clock::now();
  const std::size_t epochs = spec.training.epochs;
  const auto on_epoch = [&](std::size_t epoch, const EpochStats& stats, const TrainedMemories&) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "epoch %zu/%zu: loss %.6g, train error %.4f, test error %.4f (%.1f s)\n",
                 epoch + 1, epochs, stats.loss, stats.train_error, stats.test_error, seconds);
  };
  TrainRun run;
  try {
    run = run_train_spec(spec, files, [](double) { return !interrupted(); },
                         std::filesystem::path(memories_path).filename().string(), on_epoch);
  } catch (const DataError& e) {
    throw DataError(spec_path + ": " + e.what());
  }
  if (!memories_path.empty()) {
    write_file_atomically(memories_path, std::string_view(reinterpret_cast<const char*>(run.memory_file.data()),
                                                          run.memory_file.size()));
    std::fprintf(stderr, "damlab: wrote %s\n", memories_path.c_str());
  } else {
    std::fprintf(stderr, "damlab: no --out given: the trained memories are not written\n");
  }
  write_record(run.record, out_dir, spec_path);
  if (run.complete) return 0;
  std::fprintf(stderr, "damlab: interrupted after %zu of %zu epochs; the record says \"complete\": false\n",
               run.record["result"]["epochs"].get<std::size_t>(), epochs);
  return 130;
}

}  // namespace

std::string data_file_path(const DataSpec& data, const std::string& base_dir) {
  if (data.source == DataSpec::Source::rademacher) return "";
  if (data.is_asset()) {
    const char* dir = std::getenv("DAMLAB_DATA_DIR");
    return std::string(dir && *dir ? dir : DAMLAB_DEFAULT_DATA_DIR) + "/" + data.path;
  }
  if (data.path.empty() || data.path.front() == '/' || base_dir.empty()) return data.path;
  return base_dir + "/" + data.path;
}

std::vector<std::uint8_t> read_data_file(const DataSpec& data, const std::string& base_dir) {
  const std::string path = data_file_path(data, base_dir);
  if (path.empty()) return {};
  return read_file_bytes(path, max_data_file_bytes, Content::data);
}

Json execute(const Spec& spec, const std::string& base_dir) {
  const auto bytes = read_data_file(spec.data, base_dir);
  try {
    return run_spec(spec, bytes, terminal_progress());
  } catch (const DataError& e) {
    throw DataError("'" + data_file_path(spec.data, base_dir) + "': " + e.what());
  }
}

std::string labelled_file_path(const LabelledDataSpec& data, const std::string& name,
                               const std::string& base_dir) {
  if (data.source == LabelledDataSpec::Source::mnist) {
    const char* dir = std::getenv("DAMLAB_DATA_DIR");
    return std::string(dir && *dir ? dir : DAMLAB_DEFAULT_DATA_DIR) + "/" + name;
  }
  if (data.source == LabelledDataSpec::Source::fashion_mnist) {
    const char* dir = std::getenv("DAMLAB_FASHION_DIR");
    return std::string(dir && *dir ? dir : "/usr/share/datasets/fashion-mnist") + "/" +
           name.substr(std::string(fashion_prefix).size());
  }
  if (name.empty() || name.front() == '/' || base_dir.empty()) return name;
  return base_dir + "/" + name;
}

std::string trained_file_path(const DataSpec& data, const std::string& name,
                              const std::string& base_dir) {
  if (name == data.path) {
    if (name.front() == '/' || base_dir.empty()) return name;
    return base_dir + "/" + name;
  }
  const char* dir = std::getenv("DAMLAB_DATA_DIR");
  return std::string(dir && *dir ? dir : DAMLAB_DEFAULT_DATA_DIR) + "/" + name;
}

int run_command(const std::string& spec_path, const std::string& out_dir) {
  const auto bytes = read_file_bytes(spec_path, 1 << 24);
  const Spec spec = parse_spec_text(std::string(bytes.begin(), bytes.end()));
  if (!out_dir.empty()) check_output_folder(out_dir);
  if (spec.measure == Measure::train) return run_train(spec, spec_path, out_dir);
  if (spec.data.source == DataSpec::Source::trained) {
    const std::string base = std::filesystem::path(spec_path).parent_path().string();
    FileLoader loader(max_command_data_bytes);
    FileBytes files;
    for (const std::string& name : trained_files(spec.data))
      files[name] = loader.read(trained_file_path(spec.data, name, base), max_data_file_bytes);
    try {
      write_record(run_trained_spec(spec, files, terminal_progress()), out_dir, spec_path);
    } catch (const DataError& e) {
      throw DataError(spec_path + ": " + e.what());
    }
    return 0;
  }
  write_record(execute(spec, std::filesystem::path(spec_path).parent_path().string()), out_dir,
               spec_path);
  return 0;
}

}  // namespace damlab::cli
