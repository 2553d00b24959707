// Runs one validated spec from the command line: reads the file an idx source
// names (relative paths from base_dir), shows progress on a terminal, and
// returns the record that damlab::run_spec produces.
#pragma once

#include <string>

#include "damlab/spec.hpp"

namespace damlab::cli {

Json execute(const Spec& spec, const std::string& base_dir);

}  // namespace damlab::cli
