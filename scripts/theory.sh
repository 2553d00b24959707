#!/usr/bin/env bash
# The finite-N theory held to measurement (docs/reproducing.md, "Theory held
# to measurement"): `damlab theory --finite` writes results/theory-*.csv, then
# scripts/theory_figures.py draws them. About 13 minutes of one core on a shared 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
run() { build/cli/damlab theory --out results "$@" > /dev/null; }
run --name theory-n2 --N 100 200 500 1000 --n 2 --finite poly rectpoly --sets 100
run --name theory-n3 --N 50 100 200 --n 3 --finite poly rectpoly --sets 64
run --name theory-n3-500 --N 500 --n 3 --finite poly rectpoly --sets 16
# n = 3 at N = 1000: 25-50 s per set (S up to 47,366), about 5 minutes of one core.
run --name theory-n3-1000 --N 1000 --n 3 --finite poly rectpoly --sets 8
run --name theory-n4 --N 40 64 --n 4 --finite poly rectpoly --sets 32
run --name theory-eq3-n2 --N 1000 --n 2 --finite poly rectpoly --sets 20 \
  --K 20 30 40 50 60 80 100 120 150 200 300
run --name theory-eq3-n3 --N 200 --n 3 --finite poly rectpoly --sets 8 \
  --K 200 300 400 500 700 1000 1500 2000 3000 4000
# Independence alone: retrieved sets of K at the estimated median K (n = 2, N = 1000).
run --name theory-median-poly --N 1000 --n 2 --finite poly --sets 400 --K 57
run --name theory-median-rectpoly --N 1000 --n 2 --finite rectpoly --sets 400 --K 102
# The exponential DAM against N at several β (Kmax of 8 sets).
run --name theory-exp-large-beta --N 12 16 20 24 28 32 --beta 0.5 1 5 --sets 8 --S 40000
run --name theory-exp-small-beta --N 16 32 48 64 --beta 0.05 0.1 --sets 8 --S 20000
run --name theory-exp-beta-0.2 --N 16 24 32 40 --beta 0.2 --sets 8 --S 20000
/usr/bin/python3 scripts/theory_figures.py results
