#!/usr/bin/env bash
# `damlab run` of a train spec: a tiny run (K = 20, 2 epochs, 1,000 digits)
# writes its record and memory file; the file's header, checksum and weights
# are read back here independently and match the record; the errors are
# below chance. The same spec and seed give the same bytes again. A sweep
# over train specs writes one row per point. Ctrl-C during training keeps a
# record that says "complete": false (exit 130), as a sweep does. Bad fields
# are refused with their name.
# Usage: train_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

cat >"$work/tiny.json" <<'JSON'
{"measure": "train",
 "data": {"source": "mnist", "test_per_class": 50, "seed": 1, "train": 1000},
 "model": {"F": "rectpoly", "n": 3},
 "train": {"memories": 20, "epochs": 2, "batch": 20, "loss_power": 3, "learning_rate": 0.2,
           "temperature_initial": 100, "temperature_final": 100, "init_mean": 0, "init_std": 0.1}}
JSON

"$damlab" run "$work/tiny.json" --out "$work/a" 2>"$work/err" || fail "tiny run: exit $?: $(cat "$work/err")"
grep -q '^epoch 2/2: loss' "$work/err" || fail "no epoch lines: $(cat "$work/err")"
[[ -f $work/a/tiny.json && -f $work/a/tiny.memories ]] || fail "record or memory file missing"

python3 - "$work/a/tiny.json" "$work/a/tiny.memories" <<'PY' || fail "the record and the memory file disagree"
import json, struct, sys
record = json.load(open(sys.argv[1]))
data = open(sys.argv[2], "rb").read()
r = record["result"]
assert record["spec"]["measure"] == "train" and record["seed"] == 1
assert r["complete"] is True and r["epochs"] == 2
assert len(r["curves"]["loss"]) == 2 and len(r["curves"]["test_error"]) == 2
assert record["data"]["train"] == 1000 and record["data"]["test"] == 500
# Chance is 0.9 for 10 classes.
assert r["train_error"] < 0.7 and r["test_error"] < 0.7, (r["train_error"], r["test_error"])
assert data[:8] == b"DAMLABM\0"
version, K, N, C, F, n = struct.unpack_from("<6I", data, 8)
T, checksum = struct.unpack_from("<dQ", data, 32)
assert (version, K, N, C, F, n) == (1, 20, 784, 10, 0, 3), (version, K, N, C, F, n)
assert T == r["temperature"] == 100
assert len(data) == 48 + 4 * K * (N + C) == r["memory_file"]["bytes"]
h = 0xCBF29CE484222325
for b in data[48:]:
    h = ((h ^ b) * 0x100000001B3) % 2**64
assert h == checksum and "%016x" % h == r["memory_file"]["checksum"]
assert r["memory_file"]["name"] == "tiny.memories"
weights = struct.unpack_from("<%df" % (K * (N + C)), data, 48)
assert all(-1 <= w <= 1 for w in weights)
PY

# `damlab memories` prints the file's memories as CSV: compared with the
# weights read from the file's bytes here (float32 round-trips in 9 digits).
"$damlab" memories "$work/a/tiny.memories" --first 3 >"$work/memories.csv" || fail "memories: exit $?"
python3 - "$work/memories.csv" "$work/a/tiny.memories" <<'PY' || fail "damlab memories disagrees with the file"
import csv, struct, sys
rows = list(csv.reader(open(sys.argv[1])))
data = open(sys.argv[2], "rb").read()
assert rows[0][:2] == ["memory", "pixel_0"] and rows[0][-1] == "label_9" and len(rows[0]) == 1 + 794
assert len(rows) == 1 + 3
weights = struct.unpack_from("<%df" % (20 * 794), data, 48)
for mu, row in enumerate(rows[1:]):
    assert row[0] == str(mu)
    assert [struct.unpack("<f", struct.pack("<f", float(v)))[0] for v in row[1:]] == list(weights[mu * 794:(mu + 1) * 794])
PY
refused "memories --first 0" '--first: Value 0 not in range' memories "$work/a/tiny.memories" --first 0
refused "memories of a file that is none" 'memory file: wrong magic' memories "$work/tiny.json"

# Deterministic: the same spec gives the same memories and curves.
"$damlab" run "$work/tiny.json" --out "$work/b" 2>/dev/null || fail "second run: exit $?"
cmp "$work/a/tiny.memories" "$work/b/tiny.memories" || fail "memories differ between runs"
python3 -c 'import json,sys; a,b=(json.load(open(p))["result"] for p in sys.argv[1:]); sys.exit(a != b)' \
  "$work/a/tiny.json" "$work/b/tiny.json" || fail "records differ between runs"

# The memory file loaded back as memories: convergence on the paper's D
# (data.source = trained), the file identified by its checksum.
cat >"$work/a/dc.json" <<'JSON'
{"measure": "convergence", "data": {"source": "trained", "path": "tiny.memories", "per_class": 10},
 "probe": {"steps": 1, "epsilons": [0.5, 0.9]}}
JSON
"$damlab" run "$work/a/dc.json" >"$work/dc.out" 2>"$work/err" || fail "trained source: exit $?: $(cat "$work/err")"
python3 - "$work/a/tiny.json" "$work/dc.out" <<'PY' || fail "the trained-source record"
import json, sys
train, dc = (json.load(open(p)) for p in sys.argv[1:])
assert dc["data"]["memory_checksum"] == train["result"]["memory_file"]["checksum"]
r = dc["result"]
assert (r["N"], r["K"], r["probes"]) == (794, 20, 100), r
assert 0 < r["mean_cvg"] < 1 and all(0 <= v <= 1 for v in r["D_c"].values()), r
PY
printf '\1' | dd of="$work/a/tiny.memories" bs=1 seek=100 conv=notrunc 2>/dev/null
refused "a corrupt memory file" "tiny.memories: memory file: checksum mismatch" run "$work/a/dc.json"

# Without --out: the record on stdout, no memory file.
"$damlab" run "$work/tiny.json" >"$work/stdout.json" 2>/dev/null || fail "run without --out: exit $?"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["result"]; sys.exit(r["memory_file"]["name"] is not None)' \
  "$work/stdout.json" || fail "a record without --out names a memory file"

# A sweep over n: one row per point with the final errors and the curves.
cat >"$work/sweep.json" <<'JSON'
{"name": "tiny-n", "measure": "train",
 "data": {"source": "mnist", "test_per_class": 10, "train": 200},
 "model": {"F": "rectpoly", "n": 3},
 "train": {"memories": 10, "epochs": 1, "batch": 20, "temperature_initial": 100, "temperature_final": 100},
 "sweep": [{"model.n": [2, 3]}]}
JSON
"$damlab" sweep "$work/sweep.json" --out "$work/s" 2>"$work/err" || fail "train sweep: exit $?: $(cat "$work/err")"
[[ $(wc -l <"$work/s/tiny-n.csv") -eq 3 ]] || fail "train sweep: expected a header and 2 rows"
head -1 "$work/s/tiny-n.csv" | grep -q 'train_error,test_error,curves_loss,' ||
  fail "train sweep columns: $(head -1 "$work/s/tiny-n.csv")"

# Bad fields are refused with their path and range.
bad() {  # bad NAME PATTERN JSON
  printf '%s\n' "$3" >"$work/bad.json"
  refused "$1" "$2" run "$work/bad.json"
}
bad memories 'train.memories = 0: must be in \[1, 1000000\]' \
  '{"measure": "train", "data": {"source": "mnist"}, "train": {"memories": 0}}'
bad momentum 'train.momentum = 1: must be in \[0, 1\)' \
  '{"measure": "train", "data": {"source": "mnist"}, "train": {"momentum": 1}}'
bad degree 'model.n = 101' \
  '{"measure": "train", "data": {"source": "mnist"}, "model": {"n": 101}}'
bad poly 'model.F = poly: must be rectpoly or exp' \
  '{"measure": "train", "data": {"source": "mnist"}, "model": {"F": "poly"}}'
bad split 'data.test_per_class = 900: must be below the 863' \
  '{"measure": "train", "data": {"source": "mnist", "test_per_class": 900}}'
bad subset 'data.train = 9500: must be at most the 9000' \
  '{"measure": "train", "data": {"source": "mnist", "train": 9500}}'
bad budget 'train.epochs = 1000000: .*train.epochs can be at most' \
  '{"measure": "train", "data": {"source": "mnist"}, "train": {"memories": 2000, "epochs": 1000000}}'
bad probe 'probe = present: must be absent for measure = train' \
  '{"measure": "train", "data": {"source": "mnist"}, "probe": {}}'
bad missing-file "no-such.idx" \
  '{"measure": "train", "data": {"source": "idx", "images": "no-such.idx", "labels": "no-such.idx"}}'

# Ctrl-C during training: the epochs done are kept, the record says
# "complete": false, exit 130.
cat >"$work/long.json" <<'JSON'
{"measure": "train", "data": {"source": "mnist", "test_per_class": 10},
 "model": {"F": "rectpoly", "n": 3},
 "train": {"memories": 50, "epochs": 1000, "batch": 100, "temperature_initial": 100, "temperature_final": 100}}
JSON
"$damlab" run "$work/long.json" --out "$work/l" 2>"$work/err" &
pid=$!
for _ in $(seq 300); do
  grep -q '^epoch 1/' "$work/err" 2>/dev/null && break
  sleep 0.1
done
grep -q '^epoch 1/' "$work/err" || { kill -9 $pid; fail "no epoch finished in 30 s"; }
kill -INT $pid
code=0
wait $pid || code=$?
[[ $code -eq 130 ]] || fail "interrupted train run: exit $code, expected 130: $(cat "$work/err")"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["result"]; sys.exit(0 if r["complete"] is False and 1 <= r["epochs"] < 1000 and r["test_error"] is None and r["memory_file"]["name"] == "long.memories" else 1)' \
  "$work/l/long.json" || fail "the record of an interrupted run"
[[ -f $work/l/long.memories ]] || fail "an interrupted run lost its memories"

echo "all train checks passed"
