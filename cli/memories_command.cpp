#include "memories_command.hpp"

#include <algorithm>
#include <cstdio>

#include "damlab/data/memory_file.hpp"
#include "file_bytes.hpp"

namespace damlab::cli {

CLI::App* add_memories_command(CLI::App& app, MemoriesOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "memories", "Print trained memories (a .memories file of a train run) as CSV: one memory "
                  "a row, its pixels then its label values");
  cmd->add_option("file", o.path, "Trained-memory file (DAMLABM)")->required();
  cmd->add_option("--first", o.first, "How many memories, from the first")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
      ->capture_default_str();
  return cmd;
}

std::string memories_csv(const MemoriesOptions& o) {
  // A file of 2^20 memories × 2^16 values is far above any training's budget.
  const auto bytes = read_file_bytes(o.path, std::uint64_t{1} << 32);
  const TrainedMemories m = decode_memory_file(bytes);
  std::string out = "memory";
  for (std::size_t i = 0; i < m.pixels; ++i) out += ",pixel_" + std::to_string(i);
  for (std::size_t c = 0; c < m.classes; ++c) out += ",label_" + std::to_string(c);
  out += '\n';
  const std::size_t count = std::min(o.first, m.memories);
  for (std::size_t mu = 0; mu < count; ++mu) {
    out += std::to_string(mu);
    for (const float w : m.memory(mu)) {
      char text[24];
      std::snprintf(text, sizeof text, ",%.9g", double{w});  // float32 round-trips in 9 digits
      out += text;
    }
    out += '\n';
  }
  return out;
}

}  // namespace damlab::cli
