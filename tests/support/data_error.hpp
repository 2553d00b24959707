// Helpers for tests of parsers that reject bytes with damlab::DataError.
#pragma once

#include <gtest/gtest.h>

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

}  // namespace testing_support
