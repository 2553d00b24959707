#include "damlab/util/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "damlab/util/error.hpp"

namespace damlab {

void parallel_for(std::size_t count, std::size_t threads,
                  const std::function<void(std::size_t)>& body) {
  require(threads >= 1 && threads <= max_threads, "threads", threads,
          "in [1, " + std::to_string(max_threads) + "]");
  threads = std::min(usable_threads(threads), count);
  if (threads <= 1) {
    for (std::size_t task = 0; task < count; ++task) body(task);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex lock;
  const auto worker = [&] {
    for (std::size_t task; !failed && (task = next++) < count;) {
      try {
        body(task);
      } catch (...) {
        const std::lock_guard<std::mutex> guard(lock);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace damlab
