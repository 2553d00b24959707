#!/usr/bin/env bash
# The sweep runner end to end: shards run by GNU parallel merge into the CSV
# and record of a single run, byte for byte; Ctrl-C keeps finished rows.
# Usage: sweep_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

cat >"$work/small.json" <<'JSON'
{"name": "small",
 "data": {"source": "rademacher", "N": 150, "S": 30, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 3},
 "sweep": [{"data.p": {"from": 0.6, "to": 0.9, "step": 0.1}, "data.seed": [1, 2, 3, 4]},
           {"model.n": [2, 3, 4]}]}
JSON

"$damlab" sweep "$work/small.json" --out "$work/single" 2>/dev/null
parallel --will-cite "$damlab" sweep "$work/small.json" --out "$work/shards" --shard {}/3 \
  ::: 0 1 2 2>/dev/null
"$damlab" merge "$work/small.json" "$work"/shards/small.shard-*.csv --out "$work/merged" 2>/dev/null
cmp "$work/single/small.csv" "$work/merged/small.csv" || fail "merged shards differ from one run"
cmp "$work/single/small.json" "$work/merged/small.json" || fail "merged record differs"
[[ $(wc -l <"$work/single/small.csv") -eq 13 ]] || fail "expected a header and 12 rows"

"$damlab" sweep "$work/small.json" --out "$work/threads" --threads 2 2>/dev/null
cmp "$work/single/small.csv" "$work/threads/small.csv" || fail "2 threads differ from 1"

# Merging a shard twice is refused.
code=0
"$damlab" merge "$work/small.json" "$work"/shards/small.shard-0-of-3.csv \
  "$work"/shards/small.shard-0-of-3.csv --out "$work/bad" 2>"$work/err" || code=$?
[[ $code -eq 2 ]] && grep -q "point" "$work/err" || fail "duplicate shard: code $code, $(cat "$work/err")"

# Ctrl-C: exit 130, finished rows written, the record says incomplete.
cat >"$work/long.json" <<'JSON'
{"name": "long",
 "data": {"source": "rademacher", "N": 784, "S": 300, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 2},
 "sweep": [{"data.seed": {"from": 1, "to": 4000, "step": 1}}]}
JSON
"$damlab" sweep "$work/long.json" --out "$work/long" 2>/dev/null &
pid=$!
# Interrupt once rows are being written (the set-up parses 4000 points, slow
# in a sanitizer build on a busy machine), at most 120 s from now.
for _ in $(seq 1200); do
  [[ -f $work/long/long.csv.partial ]] && (($(wc -l <"$work/long/long.csv.partial") >= 2)) && break
  sleep 0.1
done
kill -INT "$pid"
code=0
wait "$pid" || code=$?
[[ $code -eq 130 ]] || fail "interrupted sweep exited $code, expected 130"
rows=$(($(wc -l <"$work/long/long.csv") - 1))
((rows < 4000)) || fail "interrupted sweep wrote all rows"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["complete"] is False and r["rows"] == int(sys.argv[2]) else 1)' \
  "$work/long/long.json" "$rows" || fail "record of the interrupted sweep is wrong"

echo "all sweep checks passed ($rows rows kept after Ctrl-C)"
