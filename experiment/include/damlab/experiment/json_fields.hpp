// JSON for the experiment library: the value type, text parsed with a depth
// limit, and a reader of one object's typed fields that names each field by
// its path ("data.p") in errors and refuses unknown keys.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "damlab/util/error.hpp"

namespace damlab {

using Json = nlohmann::ordered_json;

// JSON text to a value; malformed text is an InvalidArgument of field "spec".
Json parse_json_text(const std::string& text);

// Reads typed fields of one JSON object, naming each by its path.
class Fields {
 public:
  // Unknown keys are errors (a typo must not silently fall back to a default).
  Fields(const Json& json, std::string path, std::set<std::string> allowed);

  bool has(const std::string& key) const { return json_.contains(key); }

  std::string text(const std::string& key, std::optional<std::string> fallback = {}) const;
  double real(const std::string& key, std::optional<double> fallback = {}) const;
  std::uint64_t integer(const std::string& key, std::uint64_t low, std::uint64_t high,
                        std::optional<std::uint64_t> fallback = {}) const;
  bool boolean(const std::string& key, std::optional<bool> fallback = {}) const;
  std::vector<double> reals(const std::string& key, std::vector<double> fallback) const;
  const Json& object(const std::string& key) const;

  std::string name(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }

 private:
  template <typename T>
  T required(const std::string& key, const std::optional<T>& fallback) const {
    require(fallback.has_value(), name(key), "missing", "present");
    return *fallback;
  }

  const Json& json_;
  std::string path_;
};

}  // namespace damlab
