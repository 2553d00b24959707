// The version of the code that produced a result: `git describe` of the
// source tree at build time ("-dirty" when it had uncommitted changes).
#pragma once

namespace damlab {
const char* code_version();
}  // namespace damlab
