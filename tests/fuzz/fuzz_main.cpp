// The libFuzzer entry point of one target, chosen at compile time by
// DAMLAB_FUZZ_TARGET (a function of targets.hpp).
#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  damlab_fuzz::DAMLAB_FUZZ_TARGET({data, size});
  return 0;
}
