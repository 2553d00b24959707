#!/usr/bin/env bash
# End-to-end checks of the damlab command-line runner.
# Usage: capacity_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

# expect_ok NAME ARGS...: exit code 0, stdout in $work/out.
expect_ok() {
  local name=$1
  shift
  local code=0
  "$damlab" "$@" >"$work/out" 2>"$work/err" || code=$?
  [[ $code -eq 0 ]] ||
    fail "$name: exit code $code, expected 0; stderr: $(cat "$work/err")"
}

# expect_usage_error NAME PATTERN ARGS...: exit code 2 and stderr matching
# PATTERN (an extended regular expression naming the problem).
expect_usage_error() {
  local name=$1 pattern=$2
  shift 2
  local code=0
  "$damlab" "$@" >"$work/out" 2>"$work/err" || code=$?
  [[ $code -eq 2 ]] ||
    fail "$name: exit code $code, expected 2; stderr: $(cat "$work/err")"
  grep -Eq -- "$pattern" "$work/err" ||
    fail "$name: stderr does not match '$pattern': $(cat "$work/err")"
}

# check_json NAME PYTHON_EXPRESSION: the expression, over the parsed stdout
# d, must be true.
check_json() {
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
# Parenthesized so an expression may span lines.
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
' "$work/out" "$2" || fail "$1: JSON check failed: $2; output: $(cat "$work/out")"
}

# write_idx FILE MAGIC TYPE DIMS DATA_BYTES: an IDX file of random bytes.
write_idx() {
  python3 - "$@" <<'EOF'
import random, struct, sys
path, magic, dtype, dims, size = sys.argv[1:6]
dims = [int(d) for d in dims.split("x")]
random.seed(11)
with open(path, "wb") as f:
    f.write(bytes([0, int(magic, 16), int(dtype, 16), len(dims)]))
    for d in dims:
        f.write(struct.pack(">I", d))
    f.write(bytes(random.randrange(256) for _ in range(int(size))))
EOF
}

# Rademacher run: valid JSON with both Kmax values, deterministic.
rademacher=(capacity --p 0.5 --N 100 --S 30 --seed 7 --F poly --n 2)
expect_ok rademacher "${rademacher[@]}"
check_json rademacher '0 <= d["result"]["exact"]["kmax"] <= 30 and 0 <= d["result"]["binary"]["kmax"] <= 30'
check_json rademacher-fields 'd["result"]["N"] == 100 and d["result"]["S"] == 30 and d["seed"] == 7
  and len(d["result"]["profile"]) == 30 and d["result"]["binary"]["evaluations"] >= 1
  and d["spec"]["model"] == {"F": "poly", "n": 2}
  and d["spec"]["data"]["p"] == 0.5 and len(d["data"]["checksum"]) == 16
  and "code_version" in d and isinstance(d["result"]["monotone"], bool)'
check_json rademacher-profile \
  'd["result"]["profile"][:d["result"]["exact"]["kmax"]] == "1" * d["result"]["exact"]["kmax"]'
cp "$work/out" "$work/first"
expect_ok rademacher-again "${rademacher[@]}"
cmp -s "$work/first" "$work/out" || fail "two identical runs printed different output"

# A single pattern has no pairs: mean_hd must be null, not NaN.
expect_ok single-pattern capacity --p 0.5 --N 10 --S 1
check_json single-pattern 'd["result"]["exact"]["mean_hd"] is None and d["result"]["exact"]["pairs"] == 0'

expect_ok exp capacity --p 0.7 --N 64 --S 5 --F exp --beta 0.5
check_json exp 'd["spec"]["model"] == {"F": "exp", "beta": 0.5}'

# IDX input.
write_idx "$work/ok.idx" 0 08 20x6x7 840
expect_ok idx capacity --idx "$work/ok.idx" --threshold 100 --first 12
check_json idx 'd["result"]["N"] == 42 and d["result"]["S"] == 12 and d["seed"] is None
  and d["spec"]["data"]["threshold"] == 100 and d["spec"]["data"]["first"] == 12
  and d["spec"]["data"]["source"] == "idx" and d["data"]["count"] == 12'
expect_ok idx-all capacity --idx "$work/ok.idx"
check_json idx-all 'd["result"]["S"] == 20 and d["spec"]["data"]["threshold"] == 128'

# A spec file gives the same record as the flags; its idx path is relative
# to the spec's folder.
expect_ok idx-flags capacity --idx "$work/ok.idx" --threshold 100 --first 12
cp "$work/out" "$work/from_flags"
mkdir -p "$work/specs"
cat >"$work/specs/idx.json" <<'JSON'
{"measure": "capacity",
 "data": {"source": "idx", "path": "../ok.idx", "threshold": 100, "first": 12},
 "model": {"F": "rectpoly", "n": 3}}
JSON
expect_ok run-spec run "$work/specs/idx.json"
python3 - "$work/from_flags" "$work/out" <<'PY' || fail "spec file and flags gave different results"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
a["spec"]["data"]["path"] = b["spec"]["data"]["path"] = None
sys.exit(0 if a == b else 1)
PY
echo '{"data": {"source": "rademacher", "N": 10, "S": 3, "p": 2}}' >"$work/specs/bad.json"
expect_usage_error spec-field 'data\.p = 2.*\[0, 1\]' run "$work/specs/bad.json"
echo '{"data": {"source": "rademacher", "N": 10, "S": 3, "p": 0.5, "sed": 1}}' >"$work/specs/typo.json"
expect_usage_error spec-unknown-key 'data\.sed' run "$work/specs/typo.json"
echo '{"data": ' >"$work/specs/broken.json"
expect_usage_error spec-json 'not valid JSON' run "$work/specs/broken.json"

# Bad flags and values: exit 2, message naming the flag and the range.
expect_usage_error n-zero '--n.*0.*1.*60' capacity --p 0.5 --N 100 --S 30 --n 0
expect_usage_error p-range '--p.*1\.5.*\[0, 1\]' capacity --p 1.5 --N 10 --S 3
expect_usage_error F-name '--F.*foo.*poly.*rectpoly.*exp' capacity --p 0.5 --N 10 --S 3 --F foo
expect_usage_error no-source '--idx.*--p' capacity
expect_usage_error two-sources '--idx.*--p' capacity --p 0.5 --N 10 --S 3 --idx "$work/ok.idx"
expect_usage_error p-needs-S '--S' capacity --p 0.5 --N 10
expect_usage_error seed-negative '--seed' capacity --p 0.5 --N 10 --S 3 --seed -1
expect_usage_error seed-too-big '--seed.*2\^53' capacity --p 0.5 --N 10 --S 3 --seed 9007199254740992
expect_usage_error beta-zero '--beta.*\(0, 100\]' capacity --p 0.5 --N 10 --S 3 --F exp --beta 0
expect_usage_error beta-with-poly '--beta.*exp' capacity --p 0.5 --N 10 --S 3 --beta 2
expect_usage_error threshold-range '--threshold.*256' capacity --idx "$work/ok.idx" --threshold 256
expect_usage_error first-too-many '--first.*25.*20 items' capacity --idx "$work/ok.idx" --first 25

# Bad files: exit 2, message naming the file and the problem.
expect_usage_error missing-file "$work/missing.idx.*No such file" \
  capacity --idx "$work/missing.idx"
write_idx "$work/truncated.idx" 0 08 20x6x7 835
expect_usage_error truncated "truncated.idx.*truncated.*840.*835" \
  capacity --idx "$work/truncated.idx"
write_idx "$work/magic.idx" 1F 08 20x6x7 840
expect_usage_error magic "magic.idx.*magic" capacity --idx "$work/magic.idx"
write_idx "$work/float.idx" 0 0D 2x2 16
expect_usage_error float "float.idx.*0x0D.*only 0x08" capacity --idx "$work/float.idx"
write_idx "$work/labels.idx" 0 08 20 20
expect_usage_error labels "labels.idx.*2 dimensions" capacity --idx "$work/labels.idx"

# Help mentions every flag; --version prints something.
expect_ok help capacity --help
for flag in --idx --threshold --first --p --N --S --seed --F --n --beta; do
  grep -q -- "$flag " "$work/out" || fail "capacity --help does not mention $flag"
done
expect_ok version --version
[[ -s "$work/out" ]] || fail "--version printed nothing"

echo "all CLI checks passed"
