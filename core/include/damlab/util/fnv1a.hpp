// FNV-1a 64, the one checksum of damlab: the packed asset's payload, the
// pattern words in records, a sweep's CSV text. Not cryptographic: it tells
// accidental changes apart, which is all a record needs.
#pragma once

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>
#include <string_view>

namespace damlab {

// The hash of bytes fed one at a time.
struct Fnv1a64 {
  std::uint64_t value = 0xcbf29ce484222325ULL;

  void add(std::uint8_t byte) { value = (value ^ byte) * 0x100000001b3ULL; }
  void add(std::span<const std::uint8_t> bytes) {
    for (const std::uint8_t byte : bytes) add(byte);
  }
  void add(std::string_view text) {
    for (const char ch : text) add(static_cast<std::uint8_t>(ch));
  }
  // A 64-bit word as its 8 little-endian bytes.
  void add_le64(std::uint64_t word) {
    for (int byte = 0; byte < 8; ++byte) add(static_cast<std::uint8_t>(word >> (8 * byte)));
  }
};

inline std::uint64_t fnv1a64(std::span<const std::uint8_t> bytes) {
  Fnv1a64 hash;
  hash.add(bytes);
  return hash.value;
}

// 16 lowercase hex digits, as records write checksums.
inline std::string hex64(std::uint64_t value) {
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
  return text;
}

}  // namespace damlab
