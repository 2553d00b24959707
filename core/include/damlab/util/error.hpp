// Typed errors of the damlab core. Every public entry point validates its
// arguments and throws one of these; the message names the argument, the value
// it had and the range it must lie in, so any front end (CLI, wasm, web) can
// show it unchanged.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>

namespace damlab {

// An argument outside its allowed range.
class InvalidArgument : public std::invalid_argument {
 public:
  InvalidArgument(std::string field, const std::string& message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string& field() const noexcept { return field_; }

 private:
  std::string field_;
};

// Bytes that do not form a valid file of the expected format.
class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws InvalidArgument("field = value: must be <allowed>"): for a value
// already known to be bad (the last branch of a choice, or a check whose
// field name is costly to build and so is built only on failure).
template <typename Value>
[[noreturn]] void fail_field(const std::string& field, const Value& value, const std::string& allowed) {
  std::ostringstream message;
  message << field << " = " << value << ": must be " << allowed;
  throw InvalidArgument(field, message.str());
}

// Throws InvalidArgument("field = value: must be <allowed>") unless ok.
template <typename Value>
void require(bool ok, const std::string& field, const Value& value,
             const std::string& allowed) {
  if (!ok) fail_field(field, value, allowed);
}

}  // namespace damlab
