// Running a validated spec and writing its record: the normalized spec, the
// data's checksum, the code version and the measurement.
#pragma once

#include <cstdint>
#include <span>

#include "damlab/dam/capacity.hpp"
#include "damlab/experiment/data_source.hpp"
#include "damlab/experiment/json_fields.hpp"
#include "damlab/experiment/spec.hpp"
#include "damlab/models/model.hpp"
#include "damlab/util/progress.hpp"

namespace damlab {

// Runs the spec and returns its record: the normalized spec, the data's
// checksum, the code version and the measurement.
Json run_spec(const Spec& spec, std::span<const std::uint8_t> file_bytes = {},
              const Progress& progress = {});
// The same with the spec's data already loaded (load_data(spec.data, ...)),
// so that sweep points sharing a data section load it once.
Json run_spec(const Spec& spec, const LoadedData& data, const Progress& progress = {});

// The measurement part of a capacity record: N, S, exact, then the binary
// search ("binary"), the profile ("monotone", "profile") and the K values
// checked ("evaluated") when the result has them.
Json capacity_json(const CapacityResult& result);

}  // namespace damlab
