#!/usr/bin/env bash
# `damlab theory` prints the core's theory lines as JSON, one value per N;
# an N outside a formula's range is exit code 2 naming the field.
# Usage: theory_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

"$damlab" theory --N 16 100 --n 3 --a 0.1 >"$work/lines.json" || fail "theory exited with $?"
python3 - "$work/lines.json" <<'PY' || fail "unexpected theory lines: $(cat "$work/lines.json")"
import json, math, sys
t = json.load(open(sys.argv[1]))
assert t["N"] == [16, 100]
assert t["hopfield"] == [0.138 * 16, 0.138 * 100]
assert all(abs(v - n / (4 * math.log(n))) < 1e-12 * v for v, n in zip(t["mceliece"], t["N"]))
assert all(abs(v - n * n / (2 * 3 * math.log(n))) < 1e-12 * v for v, n in zip(t["dam"]["3"], t["N"]))
assert t["exponential"][0] == 256
assert t["willshaw"]["0.1"][0] == 6
PY

# --finite with --K, --sets and --out: the same rows as JSON and as CSV, the
# measured counts consistent, the estimate near the measurement; --beta
# measures the exponential DAM.
"$damlab" theory --N 100 --n 2 --finite poly rectpoly --K 8 12 --sets 6 --out "$work" --name t \
  >"$work/finite.json" || fail "theory --finite exited with $?"
"$damlab" theory --N 12 --beta 1 --sets 3 --S 500 --out "$work" --name e >"$work/exp.json" \
  || fail "theory --beta exited with $?"
python3 - "$work" <<'PY' || fail "unexpected finite rows: $(cat "$work/finite.json")"
import csv, json, sys
d = sys.argv[1]
t = json.load(open(d + "/finite.json"))
rows = list(csv.DictReader(open(d + "/t-finite-capacity.csv")))
assert [r["F"] for r in rows] == ["poly", "rectpoly"] and len(t["finite"]) == 2
for r, j in zip(rows, t["finite"]):
    assert int(r["estimate_median"]) == j["estimate_median"]
    assert int(r["sets"]) == 6 and int(r["censored"]) == 0
    assert abs(float(r["measured_mean"]) - j["estimate_mean"]) < 0.3 * j["estimate_mean"]
bits = list(csv.DictReader(open(d + "/t-bit-instability.csv")))
assert len(bits) == 4 == len(t["bit_instability"])
for b in bits:
    assert int(b["bits"]) == 6 * 100 * int(b["K"]) and int(b["patterns"]) == 6 * int(b["K"])
    assert 0 <= float(b["p_bit"]) < 1 and int(b["unstable_bits"]) <= int(b["bits"])
e = list(csv.DictReader(open(d + "/e-exp-capacity.csv")))
assert len(e) == 1 and e[0]["F"] == "exp" and float(e[0]["exponential"]) == 64
assert 1 <= float(e[0]["measured_mean"]) <= 500
PY

set +e
"$damlab" theory --N 100 --finite exp 2>"$work/err"
code=$?
set -e
[ "$code" = 2 ] || fail "--finite exp gave exit code $code, not 2"
grep -q "finite = exp" "$work/err" || fail "the message does not name finite: $(cat "$work/err")"

set +e
"$damlab" theory --N 1 2>"$work/err"
code=$?
set -e
[ "$code" = 2 ] || fail "N = 1 gave exit code $code, not 2"
grep -q "N = 1" "$work/err" || fail "the message does not name N: $(cat "$work/err")"
echo "theory: ok"
