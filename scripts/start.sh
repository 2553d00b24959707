#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the capacity example: 50
# skewed Rademacher patterns (p = 0.88, N = 784), rectified polynomial n = 7.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/cli/damlab capacity --p 0.88 --N 784 --S 50 --seed 1 --F rectpoly --n 7
