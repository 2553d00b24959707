// Progress reporting and cancellation for long computations. A callback
// receives the fraction done in [0, 1] and returns false to cancel; the
// computation then throws Cancelled and leaves no partial result behind.
#pragma once

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

}  // namespace damlab
