#!/usr/bin/env bash
# Builds the libFuzzer targets (clang++ 14 with AddressSanitizer and
# UndefinedBehaviorSanitizer) in build-fuzz/ and fuzzes each parser of outside
# bytes for SECONDS from its committed seeds (tests/fuzz/corpus/<target>),
# two targets at a time. A crash, hang (10 s), out-of-memory (1 GiB) or
# sanitizer report fails the run and prints the input's path and the command
# that replays it.
#   bash scripts/fuzz.sh                 # 20 s per target
#   bash scripts/fuzz.sh 600             # 10 minutes per target (9 targets, two at a time: about 50 min)
#   bash scripts/fuzz.sh 600 spec merge  # only these targets (idx gzip packed_asset spec merge output_name selection memory_file grey_asset)
#   bash scripts/fuzz.sh --suite 10      # first builds and runs every native test in
#                                        # the same sanitized folder (scripts/test.sh)
# Inputs found are kept in build-fuzz/tests/fuzz/work/<target>/corpus, so a
# later run continues from them.
set -euo pipefail
cd "$(dirname "$0")/.."
suite=0
if [ "${1:-}" = --suite ]; then suite=1; shift; fi
seconds=${1:-20}
shift $(($# ? 1 : 0))

# -O1: the suite runs several times faster than at -O0 and still reports
# every sanitizer finding with its line.
cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++-14 -DDAMLAB_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O1 >/dev/null
if ((suite)); then
  # Every native test (Google Test and the runner's shell tests), any
  # sanitizer report fatal. The wasm and browser tests are left out: they
  # exercise the WebAssembly builds, which these flags do not change.
  cmake --build build-fuzz -j"$(nproc)" >&2
  ctest --test-dir build-fuzz --output-on-failure -j"$(nproc)" -E '^(wasm_|browser_|fuzz_)'
else
  cmake --build build-fuzz -j"$(nproc)" --target damlab_fuzz >&2
fi
only=()
if (($#)); then
  only=(-R "^fuzz_($(IFS='|'; echo "$*"))\$")
fi
DAMLAB_FUZZ_SECONDS=$seconds ctest --test-dir build-fuzz --output-on-failure -j"$(nproc)" \
  -L fuzz --timeout $((seconds + 300)) "${only[@]}"
