#!/usr/bin/env bash
# A gzipped IDX file gives the same record as the plain file; corrupt gzip
# gives exit code 2 and a message naming the file.
# Usage: gzip_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

# 40 items of 8 x 9 random bytes.
python3 - "$work/digits.idx" <<'PY'
import random, struct, sys
random.seed(5)
with open(sys.argv[1], "wb") as f:
    f.write(bytes([0, 0, 8, 3]) + struct.pack(">III", 40, 8, 9))
    f.write(bytes(random.randrange(256) for _ in range(40 * 8 * 9)))
PY
# From standard input, so no file name sits in the gzip header.
gzip -c <"$work/digits.idx" >"$work/digits.idx.gz"
# Two gzip members back to back (gzip -c a b), which gunzip also reads whole.
head -c 1000 "$work/digits.idx" | gzip -c >"$work/two.gz"
tail -c +1001 "$work/digits.idx" | gzip -c >>"$work/two.gz"

# same_record A B: equal records apart from the file path.
same_record() {
  python3 - "$1" "$2" <<'PY' || fail "$1 and $2 differ"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
a["spec"]["data"]["path"] = b["spec"]["data"]["path"] = None
sys.exit(0 if a == b else 1)
PY
}

run=(capacity --threshold 100 --F rectpoly --n 3)
"$damlab" "${run[@]}" --idx "$work/digits.idx" >"$work/plain.json"
"$damlab" "${run[@]}" --idx "$work/digits.idx.gz" >"$work/gz.json"
"$damlab" "${run[@]}" --idx "$work/two.gz" >"$work/two.json"
same_record "$work/plain.json" "$work/gz.json"
same_record "$work/plain.json" "$work/two.json"

# expect_error NAME PATTERN FILE: exit code 2, stderr matching PATTERN.
expect_error() {
  local code=0
  "$damlab" capacity --idx "$3" >/dev/null 2>"$work/err" || code=$?
  [[ $code -eq 2 ]] || fail "$1: exit code $code, expected 2; stderr: $(cat "$work/err")"
  grep -Eq -- "$2" "$work/err" || fail "$1: stderr does not match '$2': $(cat "$work/err")"
}

size=$(stat -c %s "$work/digits.idx.gz")
head -c $((size - 20)) "$work/digits.idx.gz" >"$work/truncated.gz"
expect_error truncated "corrupt gzip file '.*truncated\.gz'.*truncated" "$work/truncated.gz"

# Damage the stored CRC-32 (the last 8 bytes hold CRC-32 and length).
cp "$work/digits.idx.gz" "$work/crc.gz"
printf '\xff\xff\xff\xff' | dd of="$work/crc.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
expect_error crc "corrupt gzip file '.*crc\.gz'" "$work/crc.gz"

# A broken deflate block header right after the 10-byte gzip header.
cp "$work/digits.idx.gz" "$work/data.gz"
printf '\xff' | dd of="$work/data.gz" bs=1 seek=10 conv=notrunc 2>/dev/null
expect_error data "corrupt gzip file '.*data\.gz'" "$work/data.gz"

{ cat "$work/digits.idx.gz"; printf 'junk'; } >"$work/junk.gz"
expect_error junk "corrupt gzip file '.*junk\.gz'.*4 bytes" "$work/junk.gz"

# Valid gzip of a broken IDX file: the IDX error, naming the file.
head -c 500 "$work/digits.idx" | gzip -c >"$work/short.idx.gz"
expect_error short-idx "short\.idx\.gz.*IDX.*truncated" "$work/short.idx.gz"

echo "all gzip checks passed"
