#!/usr/bin/env bash
# Interrupts and failures of a sweep keep the finished rows: SIGINT and
# SIGTERM alike cancel the running point within about a second (exit 130,
# a valid partial CSV and a record that says incomplete); rows reach
# NAME.csv.partial as they finish, so even a killed run keeps them; a point
# that fails keeps the rows before it and is named with its axis values.
# Usage: interrupt_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

# Two quick points, then points of many seconds each.
cat >"$work/slow.json" <<'JSON'
{"name": "slow", "data": {"source": "rademacher", "N": 784, "S": 40, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 6},
 "sweep": [{"data.S": [40, 41, 20000, 20001]}]}
JSON

# A second or so; a sanitizer build runs the point's data set-up
# (without progress reports) many times slower.
limit=4
if [ "${DAMLAB_SANITIZED:-0}" = 1 ]; then limit=60; fi

# wait_for PID SECONDS: its exit code in $code, or fail (killing it) after
# SECONDS. (Not in a subshell: only this shell can wait for the process.)
wait_for() {
  local pid=$1 limit=$2 waited=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 0.1
    waited=$((waited + 1))
    if ((waited > limit * 10)); then
      kill -9 "$pid"
      fail "still running ${limit} s after the signal"
    fi
  done
  code=0
  wait "$pid" || code=$?
}

# Started; returns once the two quick rows are in the partial file.
start_slow() {
  rm -rf "$work/out"
  "$damlab" sweep "$work/slow.json" --out "$work/out" 2>"$work/err" &
  pid=$!
  for _ in $(seq 300); do
    [[ -f $work/out/slow.csv.partial && $(wc -l <"$work/out/slow.csv.partial") -ge 3 ]] && break
    sleep 0.1
  done
  [[ $(wc -l <"$work/out/slow.csv.partial") -eq 3 ]] || fail "the quick rows did not reach slow.csv.partial"
  # Inside the slow point, past its data set-up (generation and mean
  # distance, S² N / 2 bit operations without progress reports).
  sleep 2
}

check_kept() {  # check_kept WHAT: two rows kept, the record incomplete
  [[ $(wc -l <"$work/out/slow.csv") -eq 3 ]] || fail "$1: expected a header and 2 rows"
  head -1 "$work/out/slow.csv" | grep -q '^point,data.S,' || fail "$1: not the CSV"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["complete"] is False and r["rows"] == 2 else 1)' \
    "$work/out/slow.json" || fail "$1: the record is not marked incomplete with 2 rows"
  [[ ! -e $work/out/slow.csv.partial ]] || fail "$1: the partial file was left"
}

for signal in INT TERM; do
  start_slow
  kill -$signal "$pid"
  wait_for "$pid" "$limit"
  [[ $code -eq 130 ]] || fail "SIG$signal: exit $code, expected 130: $(cat "$work/err")"
  check_kept "SIG$signal"
done

# A second signal exits at once; a killed run keeps its rows in the partial file.
start_slow
kill -INT "$pid"
kill -TERM "$pid"
wait_for "$pid" "$limit"
[[ $code -eq 130 ]] || fail "two signals: exit $code, expected 130"
start_slow
kill -KILL "$pid"
wait "$pid" 2>/dev/null || true
[[ $(wc -l <"$work/out/slow.csv.partial") -eq 3 ]] || fail "a killed run lost its rows"

# Inside a point's data set-up: 2^31 generated bits (many seconds to draw,
# polled for cancellation every 2^20 bits).
cat >"$work/big.json" <<'JSON'
{"name": "big", "measure": "recall", "probe": {"K": 1, "count": 1, "steps": 1},
 "data": {"source": "rademacher", "N": 65536, "S": 32768, "p": 0.5, "seed": 1},
 "sweep": [{"data.seed": [1, 2]}]}
JSON
rm -rf "$work/big"
"$damlab" sweep "$work/big.json" --out "$work/big" 2>"$work/err" &
pid=$!
sleep 2
kill -INT "$pid"
wait_for "$pid" "$limit"
[[ $code -eq 130 ]] || fail "SIGINT in the data set-up: exit $code, expected 130: $(cat "$work/err")"

# A point that fails at run time (probe.K above the data's S, known only once
# loaded): the rows before it are kept, the record says incomplete and names
# it, the message names the point and its axis values; exit 2.
cat >"$work/fails.json" <<'JSON'
{"name": "fails", "measure": "recall",
 "data": {"source": "rademacher", "N": 64, "S": 10, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 3}, "probe": {"K": 5},
 "sweep": [{"probe.K": [2, 3, 11, 4]}]}
JSON
code=0
"$damlab" sweep "$work/fails.json" --out "$work/fails" 2>"$work/err" || code=$?
[[ $code -eq 2 ]] || fail "a failing point: exit $code, expected 2: $(cat "$work/err")"
grep -q 'point 2 (probe.K = 11): probe.K = 11: must be at most the 10 patterns' "$work/err" ||
  fail "the failing point is not named: $(cat "$work/err")"
grep -q '2 of 4 points finished and kept' "$work/err" || fail "kept rows: $(cat "$work/err")"
[[ $(wc -l <"$work/fails/fails.csv") -eq 3 ]] || fail "the rows before the failing point were lost"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["complete"] is False and r["rows"] == 2 and r["error"].startswith("point 2 (probe.K = 11)") else 1)' \
  "$work/fails/fails.json" || fail "the record of a failed sweep"

echo "all interrupt checks passed"
