#!/usr/bin/env bash
# Builds and runs the native benchmarks, then prints throughput with ratios
# to the baselines measured in the same run (bench/ratios.py).
#   bash bench/run.sh                       # every case (about 10 minutes)
#   bash bench/run.sh 'overlap|update'      # a Google Benchmark filter
# OpenBLAS (the baseline) and NumPy (bench/reproduction.sh) are
# benchmark-only dependencies, installed here, not by scripts/setup.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
missing=()
for package in libbenchmark-dev libopenblas-dev python3-numpy; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DDAMLAB_BENCH=ON -DDAMLAB_BUILD_TESTS=OFF >&2
cmake --build build-bench -j"$(nproc)" --target damlab_bench >&2
out=build-bench/bench-results.json
# One BLAS thread: the baselines and damlab's single-thread cases compare
# like with like; damlab's own threads:2 cases show the scaling.
OPENBLAS_NUM_THREADS=1 build-bench/bench/damlab_bench --benchmark_filter="${1:-.}" \
  --benchmark_out="$out" --benchmark_out_format=json >&2
/usr/bin/python3 bench/ratios.py "$out"
