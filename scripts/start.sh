#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh, which also builds the web playground
# into dist/), runs the capacity example (50 skewed Rademacher patterns,
# p = 0.88, N = 784, rectified polynomial n = 7), then serves the playground
# with the cross-origin isolation headers on a free local port and prints its
# address. PORT picks the port (default 5173, or a free one if it is busy).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/cli/damlab capacity --p 0.88 --N 784 --S 50 --seed 1 --F rectpoly --n 7
exec node scripts/serve.mjs --dir dist --port "${PORT:-5173}"
