#!/usr/bin/env bash
# Fuzzes one target for $DAMLAB_FUZZ_SECONDS seconds (default 20), starting
# from the committed seeds.
# Usage: run.sh FUZZ_BINARY FUZZ_SOURCE_DIR TARGET WORK_DIR
# New inputs go to WORK_DIR/corpus, so the committed corpus stays as it is;
# a crash, hang, leak or out-of-memory input goes to WORK_DIR/ and is printed
# with the command that replays it.
set -euo pipefail
binary=$1 source_dir=$2 target=$3 work=$4
seconds=${DAMLAB_FUZZ_SECONDS:-20}
mkdir -p "$work/corpus"
rm -f "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-* "$work"/slow-unit-*
options=(
  -seed=1                    # the same mutations on every run
  -max_total_time="$seconds"
  -max_len=4096              # every format fits small inputs
  -timeout=10                # a single input running longer is a hang
  -rss_limit_mb=1024         # and using more memory a bug
  -artifact_prefix="$work/"
  -print_final_stats=1
)
dict=$source_dir/$target.dict
[[ -f $dict ]] && options+=(-dict="$dict")
code=0
"$binary" "${options[@]}" "$work/corpus" "$source_dir/corpus/$target" >"$work/log" 2>&1 || code=$?
grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
if ((code != 0)); then
  tail -n 60 "$work/log"
  for artifact in "$work"/crash-* "$work"/timeout-* "$work"/leak-* "$work"/oom-*; do
    [[ -e $artifact ]] && echo "replay: $binary $artifact"
  done
  exit 1
fi
