#!/usr/bin/env bash
# Regenerates every figure's data and the figures: runs each spec in
# experiments/ with the native runner (all cores), writes results/NAME.csv and
# results/NAME.json, then draws results/*.png (Debian's python3-matplotlib).
#   bash scripts/reproduce.sh            # every experiment
#   bash scripts/reproduce.sh fig1 fig2  # only specs whose name starts so
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! /usr/bin/python3 -c "import matplotlib" 2>/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-matplotlib >&2
fi
mkdir -p results
for spec in experiments/*.json; do
  name=$(basename "$spec" .json)
  if (($#)); then
    wanted=0
    for prefix in "$@"; do [[ $name == "$prefix"* ]] && wanted=1; done
    ((wanted)) || continue
  fi
  start=$EPOCHREALTIME
  build/cli/damlab sweep "$spec" --out results --threads "$(nproc)"
  awk -v name="$name" -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { printf "%s: %.1f s\n", name, e - s }' >&2
done
/usr/bin/python3 scripts/figures.py results
/usr/bin/python3 scripts/model_figures.py results
