// The pieces every damlab binary format shares (the packed asset, the grey
// asset, the trained-memory file): little-endian integer fields, 8-byte
// padding, and the 8-byte magic that opens each file.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace damlab::binary_fields {

// The unsigned little-endian integer of `bytes` bytes (1 to 8) at p.
inline std::uint64_t read_le(const std::uint8_t* p, int bytes) {
  std::uint64_t value = 0;
  for (int k = bytes - 1; k >= 0; --k) value = value << 8 | p[k];
  return value;
}

// Appends the low `bytes` bytes of value, least significant first.
inline void write_le(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes) {
  for (int k = 0; k < bytes; ++k) out.push_back(static_cast<std::uint8_t>(value >> (8 * k)));
}

inline std::uint64_t round_up_8(std::uint64_t n) { return (n + 7) / 8 * 8; }

// Whether bytes starts with the 8-byte magic.
bool has_magic(std::span<const std::uint8_t> bytes, const char (&magic)[8]);

// The error text for bytes (at least 8) that do not start with magic:
// "wrong magic: the first 8 bytes are 00 11 …, must be 44 41 … ("DAMLABP\0")".
std::string wrong_magic(std::span<const std::uint8_t> bytes, const char (&magic)[8]);

}  // namespace damlab::binary_fields
