// The one thread pool of damlab: run body(0), ..., body(count - 1) on up to
// `threads` threads and wait for all of them.
//
// Tasks are handed out in index order from a shared counter, so threads that
// finish early take the next task. When a task throws, no further task starts,
// every thread is joined, and the first exception is rethrown on the caller
// (a worker thread must never let one escape: that would end the process).
// Builds without threads (the Emscripten baseline and simd variants) and
// threads == 1 run every task on the calling thread, in order.
#pragma once

#include <cstddef>
#include <functional>

namespace damlab {

// Whether this build can start threads.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
inline constexpr bool have_threads = false;
#else
inline constexpr bool have_threads = true;
#endif

// The most threads parallel_for starts; callers validate their own range.
inline constexpr std::size_t max_threads = 1024;

// threads, or 1 in a build without threads: the number of parts worth
// splitting work into.
inline std::size_t usable_threads(std::size_t threads) { return have_threads ? threads : 1; }

void parallel_for(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t)>& body);

}  // namespace damlab
