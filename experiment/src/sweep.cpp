#include "damlab/experiment/sweep.hpp"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>

#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/util/error.hpp"
#include "damlab/util/parallel.hpp"

namespace damlab {

namespace {
// The data of recent points by their data section: points that differ only
// in model or probe (a degree axis, say) load and select their patterns once.
// A few entries suffice because the points run in order.
class DataCache {
 public:
  std::shared_ptr<const LoadedData> get(const DataSpec& data,
                                        std::span<const std::uint8_t> bytes) {
    Spec key_spec;
    key_spec.data = data;
    const std::string key = to_json(key_spec)["data"].dump();
    {
      const std::lock_guard<std::mutex> guard(lock_);
      for (const auto& [k, value] : entries_)
        if (k == key) return value;
    }
    auto loaded = std::make_shared<const LoadedData>(load_data(data, bytes));
    const std::lock_guard<std::mutex> guard(lock_);
    entries_.emplace_back(key, loaded);
    if (entries_.size() > capacity) entries_.pop_front();
    return loaded;
  }

 private:
  static constexpr std::size_t capacity = 8;
  std::mutex lock_;
  std::deque<std::pair<std::string, std::shared_ptr<const LoadedData>>> entries_;
};
}  // namespace

SweepRows run_sweep(const Experiment& experiment, const FileBytes& files,
                    const SweepOptions& options) {
  require(options.threads >= 1 && options.threads <= 256, "threads", options.threads,
          "in [1, 256]");
  const std::size_t total = experiment.points();
  require(options.shard.count <= total, "shard", std::to_string(options.shard.count) + " shards",
          "at most the " + std::to_string(total) + " points of the sweep");
  std::vector<std::size_t> todo;
  for (std::size_t point = 0; point < total; ++point)
    if (options.shard.owns(point)) todo.push_back(point);

  SweepRows out;
  out.planned = todo.size();
  std::mutex lock;
  std::atomic<bool> stop{false};
  DataCache data_cache;
  parallel_for(todo.size(), options.threads, [&](std::size_t k) {
    if (stop) return;
    const std::size_t point = todo[k];
    try {
      const Spec spec = parse_spec(experiment.point_spec(point));
      static const std::vector<std::uint8_t> no_bytes;
      const auto file = files.find(spec.data.path);
      const auto& bytes = file == files.end() ? no_bytes : file->second;
      const auto loaded = data_cache.get(spec.data, bytes);
      const Json record = run_spec(spec, *loaded, [&](double) { return !stop.load(); });
      CsvRow row = csv_row(experiment, point, record);
      const std::lock_guard<std::mutex> guard(lock);
      if (out.columns.empty()) out.columns = row.columns;
      // One header for all rows, whichever thread finished first.
      require(row.columns == out.columns, "sweep", "point " + std::to_string(point),
              "a row with the columns of the other points: " + csv_line(out.columns));
      out.rows[point] = std::move(row.cells);
      if (options.progress && !options.progress(out.rows.size(), todo.size())) stop = true;
    } catch (const Cancelled&) {
      // stopped by the progress callback, or by another point's failure
    } catch (...) {
      stop = true;  // the running points stop at their next progress report
      throw;
    }
  });
  return out;
}

}  // namespace damlab
