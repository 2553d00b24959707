#!/usr/bin/env bash
# Regenerates every figure's data and the figures: runs each spec in
# experiments/ with the native runner (all cores), writes results/NAME.csv and
# results/NAME.json, summarizes the replicates (experiments/summaries/, damlab
# summarize: means, intervals, gaps, fits), then draws results/*.png (Debian's
# python3-matplotlib).
#   bash scripts/reproduce.sh            # every experiment
#   bash scripts/reproduce.sh fig1 fig2  # only specs whose name starts so
#   bash scripts/reproduce.sh train [PREFIX ...]
#       the training experiments of experiments/train/ instead (hours: times in
#       docs/experiments.md), into results/train/: first every single run
#       (damlab run, its .memories file kept, the first 25 memories drawn),
#       then the sweeps, which may read those files, then the replicate
#       summaries of experiments/train/summaries/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-matplotlib >&2
fi
mkdir -p results
wanted() {
  local name=$1 prefix
  (($# == 1)) && return 0
  shift
  for prefix in "$@"; do [[ $name == "$prefix"* ]] && return 0; done
  return 1
}
# Prints "NAME: seconds" since start (an $EPOCHREALTIME) to stderr.
took() { awk -v name="$1" -v s="$2" -v e="$EPOCHREALTIME" 'BEGIN { printf "%s: %.1f s\n", name, e - s }' >&2; }
if [[ ${1:-} == train ]]; then
  shift
  mkdir -p results/train
  for pass in run sweep; do
    for spec in experiments/train/*.json; do
      name=$(basename "$spec" .json)
      wanted "$name" "$@" || continue
      kind=run
      grep -q '"sweep"' "$spec" && kind=sweep
      [[ $kind == "$pass" ]] || continue
      start=$EPOCHREALTIME
      build/cli/damlab "$pass" "$spec" --out results/train
      [[ $pass == run ]] && build/cli/damlab memories "results/train/$name.memories" --first 25 >"results/train/$name-memories.csv"
      took "$name" "$start"
    done
  done
  for spec in experiments/train/summaries/*.json; do
    wanted "$(basename "$spec" .json)" "$@" || continue
    build/cli/damlab summarize "$spec" --results results/train
  done
  exec /usr/bin/python3 scripts/figures.py results
fi
for spec in experiments/*.json; do
  name=$(basename "$spec" .json)
  wanted "$name" "$@" || continue
  start=$EPOCHREALTIME
  build/cli/damlab sweep "$spec" --out results --threads "$(nproc)"
  took "$name" "$start"
done
for spec in experiments/summaries/*.json; do
  wanted "$(basename "$spec" .json)" "$@" || continue
  build/cli/damlab summarize "$spec" --results results
done
/usr/bin/python3 scripts/figures.py results
if wanted theory "$@"; then bash scripts/theory.sh; fi
/usr/bin/python3 scripts/model_figures.py results
