// Helpers for tests of parsers of bytes: the DataError they throw, and
// little-endian header fields read and edited in place.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "damlab/util/error.hpp"

namespace testing_support {

// The message of the DataError that parse() throws ("" and a failure if none).
template <typename Parse>
std::string data_error(Parse&& parse) {
  try {
    parse();
  } catch (const damlab::DataError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no DataError thrown";
  return {};
}

inline void expect_contains(const std::string& message, const std::vector<std::string>& parts) {
  for (const auto& part : parts)
    EXPECT_NE(message.find(part), std::string::npos)
        << "'" << part << "' missing from: " << message;
}

// The size-byte little-endian unsigned integer at bytes[at].
inline std::uint64_t read_le(const std::vector<std::uint8_t>& bytes, std::size_t at, int size) {
  std::uint64_t value = 0;
  for (int k = size - 1; k >= 0; --k) value = value << 8 | bytes[at + k];
  return value;
}

inline void write_le(std::vector<std::uint8_t>& bytes, std::size_t at, std::uint64_t value, int size) {
  for (int k = 0; k < size; ++k) bytes[at + k] = static_cast<std::uint8_t>(value >> (8 * k));
}

}  // namespace testing_support
