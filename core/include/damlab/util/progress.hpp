// Progress reporting and cancellation for long computations. A callback
// receives the fraction done in [0, 1] and returns false to cancel; the
// computation then throws Cancelled and leaves no partial result behind.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>

namespace damlab {

using Progress = std::function<bool(double fraction)>;

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// Calls progress (if any) and throws Cancelled when it asks to stop.
inline void report(const Progress& progress, double fraction) {
  if (progress && !progress(fraction)) throw Cancelled();
}

// The progress of one step of a longer computation that spans [from, to] of
// the whole: the step's fraction f is reported as from + f (to - from). A
// step with from == to (e.g. the data set-up before a measure) only polls
// for cancellation.
inline Progress part_of(const Progress& progress, double from, double to) {
  if (!progress) return {};
  return [progress, from, to](double fraction) { return progress(from + fraction * (to - from)); };
}

// Work between two reports of a long loop (64-bit words, random bits): a few
// milliseconds at most, so a cancellation is seen at once, and the reports
// cost nothing next to the work.
inline constexpr std::size_t report_interval = std::size_t{1} << 20;

}  // namespace damlab
