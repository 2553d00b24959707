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

set +e
"$damlab" theory --N 1 2>"$work/err"
code=$?
set -e
[ "$code" = 2 ] || fail "N = 1 gave exit code $code, not 2"
grep -q "N = 1" "$work/err" || fail "the message does not name N: $(cat "$work/err")"
echo "theory: ok"
