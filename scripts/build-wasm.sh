#!/usr/bin/env bash
# Builds the three WebAssembly variants (baseline, simd, threads) with
# Debian's emscripten, one CMake build folder each (build-wasm/<variant>),
# and copies the browser modules to public/wasm/ for the web app.
#   bash scripts/build-wasm.sh                # all three
#   bash scripts/build-wasm.sh simd threads   # some
# Needs the apt package emscripten. Incremental: runs again in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# emcc 3.1.6 runs its JS tools with Debian's Node modules.
export NODE_PATH=/usr/share/nodejs
jobs=$(($(nproc) < 2 ? $(nproc) : 2))
variants=("$@")
((${#variants[@]})) || variants=(baseline simd threads)

mkdir -p public/wasm
for variant in "${variants[@]}"; do
  start=$SECONDS
  dir=build-wasm/$variant
  # Configure once; later runs only build (cmake reconfigures itself when needed).
  [ -f "$dir/CMakeCache.txt" ] ||
    emcmake cmake -S . -B "$dir" -DDAMLAB_WASM_VARIANT="$variant" -DCMAKE_BUILD_TYPE=Release >&2
  cmake --build "$dir" -j"$jobs" >&2
  cp "$dir/wasm/damlab-$variant.mjs" "$dir/wasm/damlab-$variant.wasm" public/wasm/
  [ ! -f "$dir/wasm/damlab-$variant.worker.js" ] || cp "$dir/wasm/damlab-$variant.worker.js" public/wasm/
  echo "build-wasm: $variant built in $((SECONDS - start)) s" >&2
done
