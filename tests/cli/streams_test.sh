#!/usr/bin/env bash
# Streams that would be read to the limit are refused before the work: a
# gzip bomb, an IDX header declaring more than it holds or more than the
# limit, /dev/zero, a FIFO and a directory, as a data path or a merge shard.
# Each fails with exit code 2 and a message naming the path, within 5 s.
# Usage: streams_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

# expect_refused NAME PATTERN COMMAND...: exit code 2 within 5 s (timeout
# kills a hang: exit code 124), stderr matching PATTERN.
expect_refused() {
  local name=$1 pattern=$2 code=0
  shift 2
  local start=$SECONDS
  timeout 20 "$@" >/dev/null 2>"$work/err" || code=$?
  local took=$((SECONDS - start))
  [[ $code -eq 2 ]] || fail "$name: exit code $code, expected 2; stderr: $(cat "$work/err")"
  ((took < 5)) || fail "$name: took $took s, expected under 5 s"
  grep -Eq -- "$pattern" "$work/err" || fail "$name: stderr does not match '$pattern': $(cat "$work/err")"
}

# 64 MiB of zeros gzipped is 64 KiB; 32 members back to back inflate to 2 GiB.
head -c $((64 << 20)) /dev/zero | gzip -1 >"$work/zeros.gz"
for _ in $(seq 32); do cat "$work/zeros.gz"; done >"$work/bomb.gz"
expect_refused bomb "bomb\.gz.*IDX: data type 0x00" \
  "$damlab" capacity --idx "$work/bomb.gz"

# A valid header of 1000 items of 28 x 28 followed by the same 2 GiB of zeros.
{ printf '\x00\x00\x08\x03\x00\x00\x03\xe8\x00\x00\x00\x1c\x00\x00\x00\x1c' | gzip -c
  cat "$work/bomb.gz"; } >"$work/long.gz"
expect_refused declared "long\.gz.*more than 784016 bytes, the size its IDX header declares" \
  "$damlab" capacity --idx "$work/long.gz"

# A header declaring 70000 x 200 x 200 bytes (2.8 GB), more than the limit.
{ printf '\x00\x00\x08\x03\x00\x01\x11\x70\x00\x00\x00\xc8\x00\x00\x00\xc8' | gzip -c
  cat "$work/bomb.gz"; } >"$work/huge.gz"
expect_refused huge "huge\.gz.*ask for more than 2147483648 data bytes" \
  "$damlab" capacity --idx "$work/huge.gz"

# 2 GiB of text (no data file) and a packed asset's header declaring 1082
# bytes followed by 2 GiB: each stops after the first 64 KiB.
head -c $((64 << 20)) /dev/zero | tr '\0' a | gzip -1 >"$work/as.gz"
for _ in $(seq 32); do cat "$work/as.gz"; done >"$work/text.gz"
expect_refused text "text\.gz' decompresses to neither an IDX file .* nor a packed asset" \
  "$damlab" capacity --idx "$work/text.gz"
mkdir "$work/assets"
{ printf 'DAMLABP\x00\x01\x00\x00\x00\x10\x03\x00\x00\x0a\x00\x00\x00' | gzip -c
  head -c 16 /dev/zero | gzip -c
  cat "$work/bomb.gz"; } >"$work/assets/mnist-10k.bin"
echo '{"data": {"source": "mnist", "S": 5, "selection": "first"}}' >"$work/asset.json"
expect_refused asset "mnist-10k\.bin' decompresses to more than 1082 bytes, the size its packed-asset header declares" \
  env DAMLAB_DATA_DIR="$work/assets" "$damlab" run "$work/asset.json"

expect_refused dev-zero "cannot read '/dev/zero': Is a character device \(only regular files are read\)" \
  "$damlab" capacity --idx /dev/zero
mkfifo "$work/fifo"
expect_refused fifo "fifo': Is a FIFO \(named pipe\) \(only regular files are read\)" \
  "$damlab" capacity --idx "$work/fifo"
expect_refused directory "cannot read '$work': Is a directory" \
  "$damlab" capacity --idx "$work"

cat >"$work/small.json" <<'JSON'
{"name": "small",
 "data": {"source": "rademacher", "N": 20, "S": 5, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 3},
 "sweep": [{"data.seed": [1, 2]}]}
JSON
expect_refused merge-dev-zero "cannot read '/dev/zero': Is a character device" \
  "$damlab" merge "$work/small.json" /dev/zero --out "$work/merged"
expect_refused merge-fifo "Is a FIFO" \
  "$damlab" merge "$work/small.json" "$work/fifo" --out "$work/merged"
expect_refused spec-fifo "Is a FIFO" \
  "$damlab" sweep "$work/fifo" --out "$work/out"

cat >"$work/zero-path.json" <<'JSON'
{"name": "zero",
 "data": {"source": "idx", "path": "/dev/zero"},
 "model": {"F": "rectpoly", "n": 3},
 "sweep": [{"model.n": [2, 3]}]}
JSON
expect_refused sweep-dev-zero "cannot read '/dev/zero': Is a character device" \
  "$damlab" sweep "$work/zero-path.json" --out "$work/out"

echo "all stream checks passed"
