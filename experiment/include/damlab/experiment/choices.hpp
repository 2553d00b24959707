// The spec's closed sets of choices and their JSON names, in one table each.
// Spec parsing turns a name into its enum once; records and CSV columns write
// the name back. Errors list the names in table order ("sync or async",
// "one of first, random, greedy").
#pragma once

#include <span>
#include <string>
#include <vector>

#include "damlab/experiment/spec.hpp"
#include "damlab/measures/occlusion.hpp"
#include "damlab/measures/recall.hpp"
#include "damlab/util/error.hpp"

namespace damlab {

template <typename Choice>
struct ChoiceName {
  Choice value;
  const char* name;
};

std::span<const ChoiceName<Measure>> choice_names(Measure);
std::span<const ChoiceName<DataSpec::Selection>> choice_names(DataSpec::Selection);
std::span<const ChoiceName<SubsetRule>> choice_names(SubsetRule);
std::span<const ChoiceName<ProbeSpec::Probes>> choice_names(ProbeSpec::Probes);
std::span<const ChoiceName<UpdateMode>> choice_names(UpdateMode);
std::span<const ChoiceName<OcclusionPosition>> choice_names(OcclusionPosition);
std::span<const ChoiceName<OcclusionFill>> choice_names(OcclusionFill);

// "a or b" for two names, "one of a, b, c" for more.
std::string allowed_names(std::span<const char* const> names);

// The choice named text; an unknown name is an InvalidArgument of field.
template <typename Choice>
Choice parse_choice(const std::string& field, const std::string& text) {
  std::vector<const char*> names;
  for (const auto& entry : choice_names(Choice{})) {
    if (text == entry.name) return entry.value;
    names.push_back(entry.name);
  }
  fail_field(field, text, allowed_names(names));
}

template <typename Choice>
std::string choice_name(Choice value) {
  for (const auto& entry : choice_names(Choice{}))
    if (entry.value == value) return entry.name;
  return "?";  // unreachable: every table lists every value
}

}  // namespace damlab
