#!/usr/bin/env bash
# `damlab summarize` over a small sweep: the bucket means equal the sweep's
# rows averaged here independently (censored left out, the binary mode's HD
# of the first Kmax); a bad field is exit code 2 naming it. `damlab
# separation` agrees with the whole-set HD of a capacity record.
# Usage: summarize_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

cat >"$work/small.json" <<'JSON'
{"name": "small", "measure": "capacity",
 "data": {"source": "rademacher", "N": 128, "S": 20, "p": 0.8, "seed": 1},
 "model": {"F": "rectpoly", "n": 5},
 "sweep": [{"data.seed": {"from": 1, "to": 12, "step": 1}}, {"model.n": [3, 5]}]}
JSON
cat >"$work/spec.json" <<'JSON'
{"name": "sum", "sweeps": {"R": "small", "R2": "small"},
 "buckets": {"centers": [30, 40, 50], "half_width": 5}, "gap": ["R2", "R"]}
JSON
"$damlab" sweep "$work/small.json" --out "$work" 2>/dev/null || fail "sweep exited with $?"
"$damlab" summarize "$work/spec.json" --results "$work" 2>/dev/null || fail "summarize exited with $?"
python3 - "$work" <<'PY' || fail "summary does not match the sweep"
import csv, json, math, sys
d = sys.argv[1]
sets = list(csv.DictReader(open(f"{d}/small.csv")))
summary = list(csv.DictReader(open(f"{d}/sum.csv")))
seen = 0
for r in summary:
    if r["dataset"] != "R" or r["mode"] != "binary":
        continue
    c, w = float(r["bucket"]), float(r["half_width"])
    inside = [s for s in sets if s["model.n"] == r["n"] and s["binary_mean_hd"] != ""
              and c - w <= float(s["binary_mean_hd"]) < c + w]
    used = [int(s["binary_kmax"]) for s in inside if s["binary_censored"] == "false"]
    assert int(r["sets"]) == len(inside) and int(r["used"]) == len(used), r
    if used:
        assert abs(float(r["kmax_mean"]) - sum(used) / len(used)) < 1e-4 * max(used), r
    seen += 1
assert seen >= 2, seen
gap = list(csv.DictReader(open(f"{d}/sum-gap.csv")))
assert gap and all(float(g["gap_log2"]) == 0 for g in gap), gap  # a sweep against itself
record = json.load(open(f"{d}/sum.json"))
assert record["summary"]["kmax"] == "binary" and record["summary"]["censored"] == "exclude"
assert record["summary"]["hd"] == "first_kmax"
PY

sed 's/"gap"/"kmax": "fast", "gap"/' "$work/spec.json" >"$work/bad.json"
refused "bad kmax" "kmax = fast" summarize "$work/bad.json" --results "$work"
refused "missing sweep" "No such file|missing|cannot" summarize "$work/spec.json" --results "$work/none"

# Replicates of any sweep (group_by): per n, the mean of exact_kmax over the
# 12 seeds, computed here from the sweep's rows.
cat >"$work/replicates.json" <<'JSON'
{"name": "reps", "sweeps": ["small"], "group_by": ["model.n"], "replicate": "data.seed",
 "values": ["exact_kmax", "data_mean_hd"]}
JSON
"$damlab" summarize "$work/replicates.json" --results "$work" 2>/dev/null || fail "replicate summarize exited with $?"
python3 - "$work" <<'PY' || fail "replicate summary does not match the sweep"
import csv, json, sys
d = sys.argv[1]
sets = list(csv.DictReader(open(f"{d}/small.csv")))
rows = list(csv.DictReader(open(f"{d}/reps.csv")))
assert [r["model.n"] for r in rows] == ["3", "5"], rows
for r in rows:
    values = [int(s["exact_kmax"]) for s in sets if s["model.n"] == r["model.n"]]
    assert int(r["replicates"]) == len(values) == 12, r
    mean = sum(values) / len(values)
    assert abs(float(r["exact_kmax_mean"]) - mean) <= 1e-5 * mean, (r, mean)
    assert float(r["exact_kmax_low"]) <= mean <= float(r["exact_kmax_high"]), r
assert json.load(open(f"{d}/reps.json"))["summary"]["replicate"] == "data.seed"
PY
sed 's/"data.seed"/"model.n"/' "$work/replicates.json" >"$work/bad.json"
refused "replicate in group_by" "replicate = model.n" summarize "$work/bad.json" --results "$work"

echo '{"data": {"source": "rademacher", "N": 128, "S": 20, "p": 0.8, "seed": 3}}' >"$work/data.json"
"$damlab" separation "$work/data.json" >"$work/sep.json" || fail "separation exited with $?"
"$damlab" run "$work/data.json" >"$work/run.json" || fail "run exited with $?"
python3 - "$work" <<'PY' || fail "separation disagrees with the capacity record"
import json, sys
d = sys.argv[1]
sep, run = json.load(open(f"{d}/sep.json")), json.load(open(f"{d}/run.json"))
assert sep["mean_hd"] == run["data"]["mean_hd"] and sep["pairs"] == 190, (sep, run["data"])
assert sep["data"]["checksum"] == run["data"]["checksum"]
PY
echo "summarize: ok"
