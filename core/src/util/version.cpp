#include "damlab/util/version.hpp"

#include "code_version.inc"

namespace damlab {
const char* code_version() { return DAMLAB_CODE_VERSION; }
}  // namespace damlab
