#!/usr/bin/env bash
# One Krotov–Hopfield training step natively (Google Benchmark train/damlab,
# bench/native/train_bench.cpp) against the NumPy float32 baseline
# (bench/numpy_train.py, Debian's python3-numpy on OpenBLAS), same workload,
# same run, with the ratios; both on 1 and on 2 threads.
#   bash bench/train.sh                      # K = 2000 and 5500
#   DAMLAB_BUILD=build bash bench/train.sh   # an existing build with DAMLAB_BENCH=ON
# Needs libbenchmark-dev, libopenblas-dev (which brings libopenblas0-pthread)
# and python3-numpy (bench/run.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${DAMLAB_BUILD:-build-bench}
[ -f "$build/CMakeCache.txt" ] ||
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DDAMLAB_BENCH=ON -DDAMLAB_BUILD_TESTS=OFF >&2
cmake --build "$build" -j2 --target damlab_bench >&2
out=$build/train-bench.json
"$build"/bench/damlab_bench --benchmark_filter='^train/damlab/' --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true --benchmark_out="$out" --benchmark_out_format=json >&2
for threads in 1 2; do
  OPENBLAS_NUM_THREADS=$threads /usr/bin/python3 bench/numpy_train.py \
    --json "$build/numpy-train-$threads.json" 2000 5500
done
/usr/bin/python3 - "$out" "$build" <<'PY'
import json, os, sys
native = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("aggregate_name") != "median":
        continue
    fields = dict(part.split(":") for part in b["run_name"].split("/")[2:] if ":" in part)
    # ms -> s; Google Benchmark's CPU time is the main thread's only.
    native[(int(fields["K"]), int(fields["threads"]))] = (b["real_time"] / 1e3, b["cpu_time"] / 1e3)
print("\nOne training step (B = 1000, N = 784, C = 10, n = 20, m = 30), median seconds:")
print("| K | threads | damlab native wall (CPU) | NumPy + OpenBLAS wall (CPU, all threads) | speed ratio, wall | ratio, CPU |")
print("|---|---|---|---|---|---|")
for threads in (1, 2):
    numpy = json.load(open(f"{sys.argv[2]}/numpy-train-{threads}.json"))
    for K in (2000, 5500):
        d, n = native.get((K, threads)), numpy.get(str(K))
        if d and n:
            cpu = f"{n['cpu'] / d[1]:.2f}x" if threads == 1 else "-"
            target = " (target >= 3)" if threads == 2 else ""
            print(f"| {K} | {threads} | {d[0]:.3f} ({d[1]:.3f}) | {n['wall']:.3f} ({n['cpu']:.3f}) "
                  f"| {n['wall'] / d[0]:.2f}x{target} | {cpu} |")
print(f"load average {os.getloadavg()[0]:.1f}: on a busy machine wall times measure the "
      "scheduler; the one-thread CPU ratio is the one that holds")
PY
