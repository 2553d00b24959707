#include "damlab/data/binary_fields.hpp"

#include <cstdio>
#include <cstring>

namespace damlab::binary_fields {

namespace {

std::string hex_bytes(const std::uint8_t* p) {
  std::string out;
  for (int k = 0; k < 8; ++k) {
    char text[4];
    std::snprintf(text, sizeof text, "%s%02X", k ? " " : "", unsigned{p[k]});
    out += text;
  }
  return out;
}

}  // namespace

bool has_magic(std::span<const std::uint8_t> bytes, const char (&magic)[8]) {
  return bytes.size() >= 8 && std::memcmp(bytes.data(), magic, 8) == 0;
}

std::string wrong_magic(std::span<const std::uint8_t> bytes, const char (&magic)[8]) {
  return "wrong magic: the first 8 bytes are " + hex_bytes(bytes.data()) + ", must be " +
         hex_bytes(reinterpret_cast<const std::uint8_t*>(magic)) + " (\"" + std::string(magic, 7) +
         "\\0\")";
}

}  // namespace damlab::binary_fields
