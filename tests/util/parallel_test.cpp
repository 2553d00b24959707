#include "damlab/util/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "damlab/util/error.hpp"

TEST(ParallelFor, RunsEveryTaskOnce) {
  for (std::size_t threads : {1, 2, 3, 8}) {
    std::vector<std::atomic<int>> runs(37);
    damlab::parallel_for(runs.size(), threads, [&](std::size_t k) { ++runs[k]; });
    for (const auto& r : runs) EXPECT_EQ(r.load(), 1) << "threads " << threads;
  }
  damlab::parallel_for(0, 4, [](std::size_t) { FAIL() << "no task to run"; });
}

TEST(ParallelFor, RethrowsTheFirstErrorAfterJoining) {
  for (std::size_t threads : {1, 2, 4}) {
    std::atomic<int> finished{0};
    EXPECT_THROW(damlab::parallel_for(100, threads,
                                      [&](std::size_t k) {
                                        if (k == 3) throw std::runtime_error("task 3");
                                        ++finished;
                                      }),
                 std::runtime_error);
    // After a failure no new task starts: at most the ones already running finish.
    EXPECT_LT(finished.load(), 100) << "threads " << threads;
  }
}

TEST(ParallelFor, RejectsThreadCountsOutsideTheLimit) {
  EXPECT_THROW(damlab::parallel_for(1, 0, [](std::size_t) {}), damlab::InvalidArgument);
  EXPECT_THROW(damlab::parallel_for(1, damlab::max_threads + 1, [](std::size_t) {}),
               damlab::InvalidArgument);
}
