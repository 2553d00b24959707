#include "damlab/experiment/sweep.hpp"

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>

#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/record.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/experiment/sweep_csv.hpp"
#include "damlab/experiment/train_record.hpp"
#include "damlab/experiment/trained_source.hpp"
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

std::string point_label(const Experiment& experiment, std::size_t point) {
  std::string label = "point " + std::to_string(point);
  const auto values = experiment.point_values(point);
  std::size_t k = 0;
  for (const auto& axis : experiment.axes)
    for (const auto& path : axis.paths) {
      label += (k == 0 ? " (" : ", ") + path + " = " + csv_cell(values[k]);
      ++k;
    }
  return k == 0 ? label : label + ")";
}

namespace {
// The error of a failed point, re-thrown with the point named in front.
std::exception_ptr naming_point(const std::string& label) {
  try {
    throw;
  } catch (const InvalidArgument& e) {
    return std::make_exception_ptr(InvalidArgument(e.field(), label + ": " + e.what()));
  } catch (const DataError& e) {
    return std::make_exception_ptr(DataError(label + ": " + e.what()));
  } catch (const std::bad_alloc&) {
    return std::current_exception();  // out of memory: no room to build a message
  } catch (const std::exception& e) {
    return std::make_exception_ptr(std::runtime_error(label + ": " + e.what()));
  }
}
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
  const auto keep_going = [&] {
    if (options.cancelled && options.cancelled()) stop = true;
    return !stop.load();
  };
  DataCache data_cache;
  parallel_for(todo.size(), options.threads, [&](std::size_t k) {
    if (!keep_going()) return;
    const std::size_t point = todo[k];
    try {
      const Spec spec = parse_spec(experiment.point_spec(point));
      const Progress progress = [&](double) { return keep_going(); };
      Json record;
      if (spec.data.source == DataSpec::Source::trained) {
        record = run_trained_spec(spec, files, progress);
      } else if (spec.measure == Measure::train) {
        // Its memories are not kept (a sweep writes rows); the row records
        // their checksum. A stopped run leaves no row.
        TrainRun run = run_train_spec(spec, files, progress);
        if (!run.complete) throw Cancelled();
        record = std::move(run.record);
      } else {
        static const std::vector<std::uint8_t> no_bytes;
        const auto file = files.find(spec.data.path);
        const auto& bytes = file == files.end() ? no_bytes : file->second;
        const auto loaded = data_cache.get(spec.data, bytes);
        record = run_spec(spec, *loaded, progress);
      }
      CsvRow row = csv_row(experiment, point, record);
      const std::lock_guard<std::mutex> guard(lock);
      if (out.columns.empty()) out.columns = row.columns;
      // One header for all rows, whichever thread finished first.
      require(row.columns == out.columns, "sweep", "point " + std::to_string(point),
              "a row with the columns of the other points: " + csv_line(out.columns));
      if (options.on_row) options.on_row(point, out.columns, row.cells);
      out.rows[point] = std::move(row.cells);
      if (options.progress && !options.progress(out.rows.size(), todo.size())) stop = true;
    } catch (const Cancelled&) {
      // stopped by the progress callback, a cancellation or another point's failure
    } catch (...) {
      stop = true;  // the running points stop at their next progress report
      const std::string label = point_label(experiment, point);
      auto error = naming_point(label);
      std::string message = label + ": out of memory";
      try {
        std::rethrow_exception(error);
      } catch (const std::exception& e) {
        if (!dynamic_cast<const std::bad_alloc*>(&e)) message = e.what();
      }
      const std::lock_guard<std::mutex> guard(lock);
      if (!out.failure || point < *out.failed_point) {
        out.failure = error;
        out.failed_point = point;
        out.failure_message = message;
      }
    }
  });
  if (out.failure && !options.keep_rows_on_error) std::rethrow_exception(out.failure);
  return out;
}

}  // namespace damlab
