#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs every test: the suite, the
# native suite again under AddressSanitizer + UndefinedBehaviorSanitizer, and
# a short fuzz run of every parser of outside bytes (both in build-fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"

# Every native test again, built with clang++ 14 under AddressSanitizer and
# UndefinedBehaviorSanitizer (any report fatal) with libFuzzer's coverage, and
# in that same build 10 s of fuzzing per parser of outside bytes
# (bash scripts/fuzz.sh 600 searches longer).
bash scripts/fuzz.sh --suite 10
