#include "damlab/data/packed_asset.hpp"

#include <bit>
#include <cstdio>
#include <cstring>

#include "damlab/data/binary_fields.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

namespace {

using binary_fields::read_le;
using binary_fields::round_up_8;
using binary_fields::write_le;

constexpr char packed_magic[8] = {'D', 'A', 'M', 'L', 'A', 'B', 'P', '\0'};
constexpr std::size_t fixed_header = 32;

[[noreturn]] void packed_asset_error(const std::string& message) {
  throw DataError("packed asset: " + message);
}

}  // namespace

bool has_asset_magic(std::span<const std::uint8_t> bytes) {
  return binary_fields::has_magic(bytes, packed_magic);
}

namespace {

struct Header {
  std::uint64_t N, count, source_length, checksum;
  std::uint64_t header, expected;  // header bytes; header and payload bytes
};

// The fixed header's fields, checked; bytes holds at least fixed_header.
Header read_header(std::span<const std::uint8_t> bytes) {
  if (!has_asset_magic(bytes)) packed_asset_error(binary_fields::wrong_magic(bytes, packed_magic));
  const auto version = read_le(bytes.data() + 8, 4);
  if (version != asset_version)
    packed_asset_error("version " + std::to_string(version) + " is not supported: only " +
         std::to_string(asset_version) + " is");
  Header h{};
  h.N = read_le(bytes.data() + 12, 4);
  h.count = read_le(bytes.data() + 16, 4);
  h.source_length = read_le(bytes.data() + 20, 4);
  h.checksum = read_le(bytes.data() + 24, 8);
  if (h.N == 0 || h.N > asset_max_N)
    packed_asset_error("N = " + std::to_string(h.N) + " is outside [1, " +
         std::to_string(asset_max_N) + "]");
  if (h.source_length > asset_max_source)
    packed_asset_error("source text length " + std::to_string(h.source_length) +
         " is above the limit " + std::to_string(asset_max_source));
  // N <= 2^24 and count < 2^32, so every size below fits 64 bits; once it
  // matches the bytes present it also fits size_t (32 bits in WebAssembly).
  const std::uint64_t words = (h.N + 63) / 64;
  h.header = fixed_header + round_up_8(h.source_length);
  h.expected = h.header + h.count * words * 8 + h.count;
  return h;
}

}  // namespace

std::optional<std::uint64_t> packed_asset_declared_size(std::span<const std::uint8_t> prefix) {
  if (prefix.size() < fixed_header) return std::nullopt;
  return read_header(prefix).expected;
}

LabeledPatterns parse_packed_asset(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < fixed_header)
    packed_asset_error("header truncated: " + std::to_string(bytes.size()) +
         " bytes present, the header needs at least 32");
  const Header h = read_header(bytes);
  const std::uint64_t N = h.N, count = h.count, source_length = h.source_length,
                      checksum = h.checksum, header = h.header, expected = h.expected;
  const std::uint64_t words = (N + 63) / 64;
  if (bytes.size() < expected)
    packed_asset_error("truncated: " + std::to_string(count) + " patterns of N = " +
         std::to_string(N) + " with labels and a " + std::to_string(header) +
         "-byte header need " + std::to_string(expected) + " bytes, " +
         std::to_string(bytes.size()) + " present");
  if (bytes.size() > expected)
    packed_asset_error(std::to_string(bytes.size() - expected) +
         " trailing bytes after the " + std::to_string(expected) +
         " bytes of " + std::to_string(count) + " patterns of N = " +
         std::to_string(N) + " with labels");
  for (auto k = static_cast<std::size_t>(fixed_header + source_length); k < header; ++k)
    if (bytes[k] != 0)
      packed_asset_error("byte " + std::to_string(k) +
           " (padding after the source text) is not 0");

  const auto payload_bytes = bytes.subspan(static_cast<std::size_t>(header));
  const std::uint64_t actual = fnv1a64(payload_bytes);
  if (actual != checksum)
    packed_asset_error("checksum mismatch: the header says " + hex64(checksum) +
         ", the payload's FNV-1a 64 is " + hex64(actual));

  std::vector<std::uint64_t> bits(static_cast<std::size_t>(count * words));
  for (std::size_t w = 0; w < bits.size(); ++w)
    bits[w] = read_le(payload_bytes.data() + 8 * w, 8);
  const std::uint64_t mask =
      N % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (N % 64)) - 1;
  for (std::size_t p = 0; p < count; ++p)
    if (const auto extra = bits[static_cast<std::size_t>((p + 1) * words - 1)] & ~mask)
      packed_asset_error("pattern " + std::to_string(p) + " has padding bits set (bit " +
           std::to_string((words - 1) * 64 + static_cast<unsigned>(std::countr_zero(extra))) +
           "; N = " + std::to_string(N) + ", bits from " + std::to_string(N) +
           " on must be 0)");

  LabeledPatterns out;
  out.patterns = PatternSet::from_words(bits, static_cast<std::size_t>(N));
  const auto labels = payload_bytes.subspan(static_cast<std::size_t>(count * words * 8));
  out.labels.assign(labels.begin(), labels.end());
  out.source.assign(reinterpret_cast<const char*>(bytes.data()) + fixed_header,
                    static_cast<std::size_t>(source_length));
  return out;
}

std::vector<std::uint8_t> pack_asset(const LabeledPatterns& data) {
  const auto& set = data.patterns;
  require(data.labels.size() == set.size(), "labels.length", data.labels.size(),
          "equal to the number of patterns " + std::to_string(set.size()));
  require(set.N() <= asset_max_N, "N", set.N(), "at most " + std::to_string(asset_max_N));
  require(set.size() <= 0xFFFFFFFFu, "count", set.size(), "at most 2^32 - 1");
  require(data.source.size() <= asset_max_source, "source.length",
          data.source.size(), "at most " + std::to_string(asset_max_source));

  std::vector<std::uint8_t> out(packed_magic, packed_magic + sizeof packed_magic);
  write_le(out, asset_version, 4);
  write_le(out, set.N(), 4);
  write_le(out, set.size(), 4);
  write_le(out, data.source.size(), 4);
  write_le(out, 0, 8);  // checksum, filled in below
  out.insert(out.end(), data.source.begin(), data.source.end());
  out.resize(static_cast<std::size_t>(round_up_8(out.size())), 0);
  const std::size_t header = out.size();
  for (const std::uint64_t word : set.all_words()) write_le(out, word, 8);
  out.insert(out.end(), data.labels.begin(), data.labels.end());

  const std::uint64_t checksum = fnv1a64(std::span(out).subspan(header));
  for (int k = 0; k < 8; ++k) out[24 + k] = static_cast<std::uint8_t>(checksum >> (8 * k));
  return out;
}

}  // namespace damlab
