#!/usr/bin/env bash
# Installs and builds everything damlab needs on a Debian machine. Safe to run
# again: packages already present are not reinstalled, builds are incremental.
#   bash scripts/setup.sh            # native build only
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  build-essential cmake git python3      # toolchain
  libgtest-dev libgmock-dev              # native tests
  libboost-dev                           # Boost.Multiprecision: exact field signs
  nlohmann-json3-dev                     # JSON results and specs
  libcli11-dev                           # command-line flags of the runner
  parallel                               # GNU parallel: the sharded-sweep test
  clang-14 libclang-rt-14-dev            # libFuzzer and sanitizer runtimes: scripts/fuzz.sh
  zlib1g-dev                             # gzipped IDX files in the runner
  dataset-fashion-mnist                  # Fashion-MNIST (gzipped IDX)
  emscripten                             # WebAssembly builds (Debian's emcc 3.1.6)
  chromium                               # browser tests of the web playground (playwright-core)
)
# Node.js may come from elsewhere on the machine; only install Debian's if absent.
command -v npm >/dev/null 2>&1 || apt_packages+=(nodejs npm)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm ci only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build -j"$(nproc)" >&2

# Packed data sets (public/data, not in git; docs/data.md), written by the
# runner: packed again when missing or older than the packer's sources, about 2 s.
for asset in public/data/mnist-10k.bin public/data/mnist-10k-grey.bin public/data/fashion-mnist.bin \
             public/data/fashion-mnist-train-images.idx; do
  if [ ! -f "$asset" ] || [ -n "$(find cli/pack_command.cpp core/src/data/packed_asset.cpp \
                                   core/src/data/grey_asset.cpp \
                                   -newer "$asset" -print -quit)" ]; then
    build/cli/damlab pack --out public/data >&2
    break
  fi
done
bash scripts/build-wasm.sh >&2

# The web playground (web/ -> dist/, Vite; public/ copied as is): built again
# when its sources changed or a wasm build or data asset differs from its copy.
stale=0
[ -f dist/.built ] || stale=1
[ "$stale" = 1 ] || [ -z "$(find web vite.config.js package-lock.json -newer dist/.built -print -quit)" ] || stale=1
for file in public/wasm/* public/data/*; do cmp -s "$file" "dist/${file#public/}" || stale=1; done
if [ "$stale" = 1 ]; then npm run build --silent >&2 && touch dist/.built; fi
