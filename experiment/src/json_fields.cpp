#include "damlab/experiment/json_fields.hpp"

#include <cmath>
#include <set>
#include <vector>

namespace damlab {

Fields::Fields(const Json& json, std::string path, std::set<std::string> allowed)
    : json_(json), path_(std::move(path)) {
  // The type, not the value: a whole file's content could be the value.
  require(json.is_object(), path_.empty() ? "spec" : path_, std::string("a ") + json.type_name(),
          "a JSON object");
  for (const auto& item : json.items())
    require(allowed.count(item.key()) > 0, name(item.key()), "present",
            "one of the known keys of " + (path_.empty() ? "a spec" : path_));
}

std::string Fields::text(const std::string& key, std::optional<std::string> fallback) const {
  if (!has(key)) return required(key, fallback);
  const auto& v = json_.at(key);
  require(v.is_string(), name(key), v.dump(), "a string");
  return v.get<std::string>();
}

double Fields::real(const std::string& key, std::optional<double> fallback) const {
  if (!has(key)) return required(key, fallback);
  const auto& v = json_.at(key);
  require(v.is_number(), name(key), v.dump(), "a number");
  return v.get<double>();
}

std::uint64_t Fields::integer(const std::string& key, std::uint64_t low, std::uint64_t high,
                              std::optional<std::uint64_t> fallback) const {
  if (!has(key)) return required(key, fallback);
  const auto& v = json_.at(key);
  const std::string range = "an integer in [" + std::to_string(low) + ", " +
                            std::to_string(high) + "]";
  // Integers may arrive as signed, unsigned or whole floating-point numbers.
  const bool whole = v.is_number_integer() ? v.get<std::int64_t>() >= 0 || v.is_number_unsigned()
                     : v.is_number_float() && v.get<double>() >= 0 &&
                           std::floor(v.get<double>()) == v.get<double>() &&
                           v.get<double>() < 0x1p64;
  require(whole, name(key), v.dump(), range);
  const auto value = v.is_number_float() ? static_cast<std::uint64_t>(v.get<double>())
                                         : v.get<std::uint64_t>();
  require(value >= low && value <= high, name(key), v.dump(), range);
  return value;
}

bool Fields::boolean(const std::string& key, std::optional<bool> fallback) const {
  if (!has(key)) return required(key, fallback);
  const auto& v = json_.at(key);
  require(v.is_boolean(), name(key), v.dump(), "true or false");
  return v.get<bool>();
}

std::vector<double> Fields::reals(const std::string& key, std::vector<double> fallback) const {
  if (!has(key)) return fallback;
  const auto& v = json_.at(key);
  require(v.is_array() && !v.empty(), name(key), v.dump(), "a non-empty list of numbers");
  std::vector<double> out;
  for (const auto& item : v) {
    require(item.is_number(), name(key), v.dump(), "a non-empty list of numbers");
    out.push_back(item.get<double>());
  }
  return out;
}

const Json& Fields::object(const std::string& key) const {
  require(has(key), name(key), "missing", "present");
  return json_.at(key);
}

Json parse_json_text(const std::string& text) {
  // Copying, printing and comparing JSON values recurse once per level, so a
  // file of a million '[' would overflow the stack: refuse deep nesting
  // before parsing (specs need 4 levels).
  constexpr int max_depth = 64;
  int depth = 0;
  bool in_string = false, escaped = false;
  for (const char ch : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (ch == '\\')
        escaped = true;
      else if (ch == '"')
        in_string = false;
    } else if (ch == '"') {
      in_string = true;
    } else if (ch == '[' || ch == '{') {
      if (++depth > max_depth)
        throw InvalidArgument("spec", "spec: JSON nested more than " + std::to_string(max_depth) +
                                          " levels deep (the limit)");
    } else if (ch == ']' || ch == '}') {
      --depth;
    }
  }
  // A key given twice would silently take its last value: refuse it. The
  // keys of each open object are tracked while parsing.
  std::vector<std::set<std::string>> keys;
  std::string duplicate;
  const Json::parser_callback_t no_duplicates = [&](int, Json::parse_event_t event, Json& parsed) {
    if (event == Json::parse_event_t::object_start) keys.emplace_back();
    if (event == Json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (event == Json::parse_event_t::key && !keys.empty() && duplicate.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second)
      duplicate = parsed.get<std::string>();
    return true;
  };
  Json json;
  try {
    json = Json::parse(text, no_duplicates);
  } catch (const Json::parse_error& e) {
    // Only the position: nlohmann's message quotes the bytes it read, and
    // the text may be any readable file.
    throw InvalidArgument("spec", "spec: not valid JSON: syntax error at byte " +
                                      std::to_string(e.byte));
  } catch (const Json::exception&) {  // out_of_range for 1e400
    throw InvalidArgument("spec", "spec: not valid JSON: number overflow (beyond a double)");
  }
  require(duplicate.empty(), "spec",
          "key \"" + duplicate.substr(0, 100) + "\" given twice in one object",
          "a JSON object with each key once");
  return json;
}

}  // namespace damlab
