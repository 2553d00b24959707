#include "damlab/experiment/choices.hpp"

namespace damlab {

namespace {
template <typename Choice, std::size_t n>
std::span<const ChoiceName<Choice>> table(const ChoiceName<Choice> (&entries)[n]) {
  return {entries, n};
}
}  // namespace

std::span<const ChoiceName<Measure>> choice_names(Measure) {
  static const ChoiceName<Measure> names[] = {{Measure::capacity, "capacity"},
                                              {Measure::recall, "recall"},
                                              {Measure::convergence, "convergence"},
                                              {Measure::classification, "classification"},
                                              {Measure::retrievability, "retrievability"},
                                              {Measure::train, "train"},
                                              {Measure::trajectory, "trajectory"}};
  return table(names);
}

std::span<const ChoiceName<DataSpec::Selection>> choice_names(DataSpec::Selection) {
  using enum DataSpec::Selection;
  static const ChoiceName<DataSpec::Selection> names[] = {
      {first, "first"}, {random, "random"}, {greedy, "greedy"}};
  return table(names);
}

std::span<const ChoiceName<SubsetRule>> choice_names(SubsetRule) {
  static const ChoiceName<SubsetRule> names[] = {{SubsetRule::band, "band"},
                                                 {SubsetRule::strict, "strict"}};
  return table(names);
}

std::span<const ChoiceName<ProbeSpec::Probes>> choice_names(ProbeSpec::Probes) {
  static const ChoiceName<ProbeSpec::Probes> names[] = {{ProbeSpec::Probes::stored, "stored"},
                                                        {ProbeSpec::Probes::held_out, "held_out"}};
  return table(names);
}

std::span<const ChoiceName<UpdateMode>> choice_names(UpdateMode) {
  static const ChoiceName<UpdateMode> names[] = {{UpdateMode::synchronous, "sync"},
                                                 {UpdateMode::asynchronous, "async"}};
  return table(names);
}

std::span<const ChoiceName<OcclusionPosition>> choice_names(OcclusionPosition) {
  using enum OcclusionPosition;
  static const ChoiceName<OcclusionPosition> names[] = {{random, "random"}, {center, "center"},
                                                        {top, "top"},       {bottom, "bottom"},
                                                        {left, "left"},     {right, "right"}};
  return table(names);
}

std::span<const ChoiceName<OcclusionFill>> choice_names(OcclusionFill) {
  static const ChoiceName<OcclusionFill> names[] = {{OcclusionFill::off, "off"},
                                                    {OcclusionFill::random, "random"}};
  return table(names);
}

std::string allowed_names(std::span<const char* const> names) {
  if (names.size() == 2) return std::string(names[0]) + " or " + names[1];
  std::string out = "one of ";
  for (std::size_t k = 0; k < names.size(); ++k) out += (k ? ", " : "") + std::string(names[k]);
  return out;
}

}  // namespace damlab
