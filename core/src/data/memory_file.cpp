#include "damlab/data/memory_file.hpp"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "damlab/data/binary_fields.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/fnv1a.hpp"

namespace damlab {

namespace {

using binary_fields::read_le;
using binary_fields::round_up_8;
using binary_fields::write_le;

constexpr char memory_file_magic[8] = {'D', 'A', 'M', 'L', 'A', 'B', 'M', '\0'};

// std::bit_cast, which the libc++ of Debian's emscripten 3.1.6 lacks.
template <typename To, typename From>
To bit_cast(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

[[noreturn]] void memory_file_error(const std::string& message) { throw DataError("memory file: " + message); }

std::string text(double value) {
  char out[32];
  std::snprintf(out, sizeof out, "%.17g", value);
  return out;
}

bool valid_weight(float w) { return std::isfinite(w) && w >= -1.0f && w <= 1.0f; }

}  // namespace

std::vector<std::uint8_t> encode_memory_file(const TrainedMemories& m) {
  require(m.memories >= 1 && m.memories <= memory_file_max_K, "K", m.memories,
          "in [1, " + std::to_string(memory_file_max_K) + "]");
  require(m.pixels >= 1 && m.pixels <= memory_file_max_N, "N", m.pixels,
          "in [1, " + std::to_string(memory_file_max_N) + "]");
  require(m.classes >= 2 && m.classes <= 255, "C", m.classes, "in [2, 255]");
  const bool rectpoly = m.f.kind == TrainingF::Kind::rectpoly;
  require(!rectpoly || (m.f.degree >= 1 && m.f.degree <= 100), "n", m.f.degree, "in [1, 100]");
  require(std::isfinite(m.temperature) && m.temperature > 0, "T", m.temperature, "finite and > 0");
  const std::size_t values = m.memories * m.width();
  require(m.weights.size() == values, "weights", std::to_string(m.weights.size()) + " values",
          "K (N + C) = " + std::to_string(values) + " values");
  for (std::size_t k = 0; k < values; ++k)
    require(valid_weight(m.weights[k]), "weights", "value " + text(m.weights[k]) + " at " +
            std::to_string(k), "finite and in [-1, 1]");
  std::vector<std::uint8_t> out(memory_file_magic, memory_file_magic + sizeof memory_file_magic);
  write_le(out, memory_file_version, 4);
  write_le(out, m.memories, 4);
  write_le(out, m.pixels, 4);
  write_le(out, m.classes, 4);
  write_le(out, rectpoly ? 0 : 1, 4);
  write_le(out, rectpoly ? m.f.degree : 0, 4);
  write_le(out, bit_cast<std::uint64_t>(m.temperature), 8);
  write_le(out, 0, 8);  // checksum, filled in below
  out.reserve(memory_file_header + 4 * values);
  for (const float w : m.weights) write_le(out, bit_cast<std::uint32_t>(w), 4);
  const std::uint64_t checksum = fnv1a64(std::span(out).subspan(memory_file_header));
  for (int k = 0; k < 8; ++k) out[40 + k] = static_cast<std::uint8_t>(checksum >> (8 * k));
  return out;
}

TrainedMemories decode_memory_file(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < memory_file_header)
    memory_file_error("header truncated: " + std::to_string(bytes.size()) + " bytes present, the header needs " +
         std::to_string(memory_file_header));
  if (!binary_fields::has_magic(bytes, memory_file_magic)) memory_file_error(binary_fields::wrong_magic(bytes, memory_file_magic));
  const auto version = read_le(bytes.data() + 8, 4);
  if (version != memory_file_version)
    memory_file_error("version " + std::to_string(version) + " is not supported: only " +
         std::to_string(memory_file_version) + " is");
  const auto K = read_le(bytes.data() + 12, 4);
  const auto N = read_le(bytes.data() + 16, 4);
  const auto C = read_le(bytes.data() + 20, 4);
  const auto kind = read_le(bytes.data() + 24, 4);
  const auto degree = read_le(bytes.data() + 28, 4);
  const double T = bit_cast<double>(read_le(bytes.data() + 32, 8));
  const auto checksum = read_le(bytes.data() + 40, 8);
  if (K < 1 || K > memory_file_max_K)
    memory_file_error("K = " + std::to_string(K) + " is outside [1, " + std::to_string(memory_file_max_K) + "]");
  if (N < 1 || N > memory_file_max_N)
    memory_file_error("N = " + std::to_string(N) + " is outside [1, " + std::to_string(memory_file_max_N) + "]");
  if (C < 2 || C > 255) memory_file_error("C = " + std::to_string(C) + " is outside [2, 255]");
  if (kind > 1) memory_file_error("F = " + std::to_string(kind) + " is not 0 (rectpoly) or 1 (exp)");
  if (kind == 0 && (degree < 1 || degree > 100))
    memory_file_error("n = " + std::to_string(degree) + " is outside [1, 100] (F = rectpoly)");
  if (kind == 1 && degree != 0) memory_file_error("n = " + std::to_string(degree) + " must be 0 for F = exp");
  if (!(std::isfinite(T) && T > 0)) memory_file_error("T = " + text(T) + " must be finite and > 0");
  // K <= 10^6 and N + C < 2^25: the size fits 64 bits; once it matches the
  // bytes present it fits size_t.
  const std::uint64_t values = K * (N + C);
  const std::uint64_t expected = memory_file_header + 4 * values;
  if (bytes.size() < expected)
    memory_file_error("truncated: K = " + std::to_string(K) + " memories of N + C = " + std::to_string(N + C) +
         " values need " + std::to_string(expected) + " bytes, " + std::to_string(bytes.size()) +
         " present");
  if (bytes.size() > expected)
    memory_file_error(std::to_string(bytes.size() - expected) + " trailing bytes after the " +
         std::to_string(expected) + " bytes of K = " + std::to_string(K) +
         " memories of N + C = " + std::to_string(N + C) + " values");
  const auto payload = bytes.subspan(memory_file_header);
  const std::uint64_t actual = fnv1a64(payload);
  if (actual != checksum)
    memory_file_error("checksum mismatch: the header says " + hex64(checksum) + ", the payload's FNV-1a 64 is " +
         hex64(actual));
  TrainedMemories out;
  out.memories = static_cast<std::size_t>(K);
  out.pixels = static_cast<std::size_t>(N);
  out.classes = static_cast<std::size_t>(C);
  out.f.kind = kind == 0 ? TrainingF::Kind::rectpoly : TrainingF::Kind::exp;
  if (kind == 0) out.f.degree = static_cast<unsigned>(degree);
  out.temperature = T;
  out.weights.resize(static_cast<std::size_t>(values));
  for (std::size_t k = 0; k < out.weights.size(); ++k) {
    const float w = bit_cast<float>(static_cast<std::uint32_t>(read_le(payload.data() + 4 * k, 4)));
    if (!valid_weight(w))
      memory_file_error("weight " + std::to_string(k) + " (memory " + std::to_string(k / (N + C)) + ", value " +
           std::to_string(k % (N + C)) + ") is " + text(w) + ", must be finite and in [-1, 1]");
    out.weights[k] = w;
  }
  return out;
}

std::uint64_t memory_file_checksum(std::span<const std::uint8_t> bytes) {
  require(bytes.size() >= memory_file_header, "bytes", bytes.size(), "a memory file's bytes");
  return read_le(bytes.data() + 40, 8);
}

}  // namespace damlab
