#!/usr/bin/env bash
# damlab merge takes only shards of the spec it is given, whole and as
# written: each shard CSV is bound to its experiment (the checksum of the
# normalized experiment on its first line) and closed by its row count and
# checksum; every row is checked. Usage: merge_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

cat >"$work/small.json" <<'JSON'
{"name": "small", "data": {"source": "rademacher", "N": 60, "S": 12, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 3}, "sweep": [{"data.seed": [1, 2, 3, 4, 5, 6]}]}
JSON
sed 's/"N": 60/"N": 61/' "$work/small.json" >"$work/other.json"
for i in 0 1; do
  "$damlab" sweep "$work/small.json" --out "$work/shards" --shard $i/2 2>/dev/null
  "$damlab" sweep "$work/other.json" --out "$work/other" --shard $i/2 2>/dev/null
done
"$damlab" sweep "$work/small.json" --out "$work/single" 2>/dev/null
s0=$work/shards/small.shard-0-of-2.csv
s1=$work/shards/small.shard-1-of-2.csv
"$damlab" merge "$work/small.json" "$s0" "$s1" --out "$work/merged" 2>/dev/null
cmp "$work/single/small.csv" "$work/merged/small.csv" || fail "merged shards differ from one run"
cmp "$work/single/small.json" "$work/merged/small.json" || fail "merged record differs"
head -1 "$s0" | grep -Eq '^# damlab shard 0/2 experiment [0-9a-f]{16}$' || fail "shard header: $(head -1 "$s0")"
head -1 "$work/single/small.csv" | grep -q '^point,' || fail "an unsharded CSV has no frame"

# refused NAME PATTERN SHARD...: exit 2, no output, stderr naming the file.
refused() {
  local name=$1 pattern=$2
  shift 2
  local code=0
  rm -rf "$work/bad"
  "$damlab" merge "$work/small.json" "$@" --out "$work/bad" 2>"$work/err" || code=$?
  [[ $code -eq 2 ]] || fail "$name: exit code $code, expected 2; stderr: $(cat "$work/err")"
  grep -Eq -- "$pattern" "$work/err" || fail "$name: stderr does not match '$pattern': $(cat "$work/err")"
  [[ ! -e $work/bad/small.csv ]] || fail "$name: a refused merge wrote output"
}

refused other-spec "other/small.shard-1-of-2.csv = line 1: must be \"# damlab shard i/N experiment" \
  "$s0" "$work/other/small.shard-1-of-2.csv"
head -c -40 "$s1" >"$work/cut.csv"
refused cut-40-bytes "cut.csv = its last line: must be \"# end rows" "$s0" "$work/cut.csv"
# The kmax of point 1 edited (exact_kmax, the 7th column).
awk -F, -v OFS=, '$1 == "1" { $7 = $7 + 1 } { print }' "$s1" >"$work/kmax.csv"
cmp -s "$s1" "$work/kmax.csv" && fail "the kmax edit changed nothing"
refused edited-kmax "kmax.csv = line [0-9]+ \(the end line\): must be .*a row was cut, added or edited" "$s0" "$work/kmax.csv"
# A point written 00 (with a matching end line: the row itself is refused).
reframe() {  # reframe IN OUT: recompute the end line of an edited shard
  python3 - "$1" "$2" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")[:-1]
body = "\n".join(lines[1:-1]) + "\n"
h = 0xcbf29ce484222325
for b in body.encode():
    h = ((h ^ b) * 0x100000001b3) % 2**64
open(sys.argv[2], "w").write(lines[0] + "\n" + body + "# end rows %d csv_fnv1a64 %016x\n" % (len(lines) - 3, h))
PY
}
sed 's/^0,/00,/' "$s0" >"$work/00.tmp"
reframe "$work/00.tmp" "$work/00.csv"
refused point-00 '00.csv point = 00 \(line 3\): must be a point index \(decimal digits, no leading zero\)' "$work/00.csv" "$s1"
# A row of the other shard in this one, a malformed cell, a missing cell.
sed -n 3p "$s1" >"$work/row1"
{ sed '$d' "$s0"; cat "$work/row1"; echo "# end"; } >"$work/own.tmp"
reframe "$work/own.tmp" "$work/own.csv"
refused not-own-shard 'own.csv point = 1: must be a point of shard 0/2' "$work/own.csv"
awk -F, -v OFS=, '$1 == "2" { $7 = "\"8\"" } { print }' "$s0" >"$work/quote.tmp"
reframe "$work/quote.tmp" "$work/quote.csv"
refused bad-cell 'quote.csv point 2 exact_kmax = line 4: must be a cell as damlab writes it' "$work/quote.csv" "$s1"
awk -F, -v OFS=, '$1 == "2" { NF = NF - 1 } { print }' "$s0" >"$work/short.tmp"
reframe "$work/short.tmp" "$work/short.csv"
refused short-row 'short.csv = line 4: [0-9]+ cells: must be a row of [0-9]+ cells' "$work/short.csv" "$s1"
# Mixed shard counts, and an unsharded CSV (it has no binding).
"$damlab" sweep "$work/small.json" --out "$work/thirds" --shard 1/3 2>/dev/null
refused mixed-counts 'small.shard-1-of-3.csv = line 1: shard of 3: must be a shard of 2' \
  "$s0" "$work/thirds/small.shard-1-of-3.csv"
refused unsharded 'small.csv = line 1: must be "# damlab shard' "$work/single/small.csv"

# An incomplete merge writes its outputs, says so and exits 3.
code=0
"$damlab" merge "$work/small.json" "$s0" --out "$work/half" 2>"$work/err" || code=$?
[[ $code -eq 3 ]] || fail "an incomplete merge exited $code, expected 3"
grep -q 'merged 3 of 6 points' "$work/err" || fail "incomplete merge: $(cat "$work/err")"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["complete"] is False and r["rows"] == 3 else 1)' \
  "$work/half/small.json" || fail "the record of an incomplete merge"

echo "all merge checks passed"
