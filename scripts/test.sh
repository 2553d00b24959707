#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs every test: the suite, the
# native suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# a short fuzz run of every parser of outside bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"

# Every native test (Google Test and the runner's shell tests) in build-asan,
# any sanitizer report fatal. -O0 builds in half the time of -O2 and the
# suite still runs in about 30 s. The wasm and browser tests are left out:
# they exercise the WebAssembly builds, which these flags do not change.
cmake -S . -B build-asan -DDAMLAB_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-O0 >/dev/null
cmake --build build-asan -j"$(nproc)" >&2
ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -E '^(wasm_|browser_)'

# 20 s of fuzzing per target (bash scripts/fuzz.sh 600 searches longer).
bash scripts/fuzz.sh 20
