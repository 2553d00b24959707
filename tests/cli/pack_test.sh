#!/usr/bin/env bash
# `damlab pack` writes the packed assets the same, byte for byte, on every run
# (and, when given the data folder, the same as the assets there); a missing
# source is exit code 2 with a message naming the file.
# Usage: pack_test.sh PATH_TO_DAMLAB [DATA_DIR]
source "$(dirname "$0")/common.sh"
data_dir=${2:-}

# Compared with the assets of the data folder when given (written by another
# run, and in the sanitizer build by another build), else with a second run.
"$damlab" pack --out "$work/a" 2>/dev/null || fail "pack exited with $?"
if [ -z "$data_dir" ]; then
  "$damlab" pack --out "$work/b" 2>/dev/null || fail "second pack exited with $?"
  data_dir=$work/b
fi
for asset in "$work"/a/*.bin "$work"/a/*.idx; do
  [ -f "$asset" ] || continue # no Fashion-MNIST installed: no .idx files
  [ -f "$data_dir/$(basename "$asset")" ] || fail "$(basename "$asset") missing from $data_dir"
  cmp "$asset" "$data_dir/$(basename "$asset")" || fail "$(basename "$asset") differs from $data_dir"
done
[ -f "$work/a/mnist-10k.bin" ] || fail "no mnist-10k.bin written"
[ -f "$work/a/mnist-10k-grey.bin" ] || fail "no mnist-10k-grey.bin written"
# Fashion-MNIST's first items for the browser's training: Debian's files cut
# to 10,000 training and 1,000 test items, the counts in their IDX headers.
fashion=/usr/share/datasets/fashion-mnist
if [ -f "$work/a/fashion-mnist.bin" ] && [ -f "$fashion/train-images-idx3-ubyte.gz" ]; then
  for part in train:10000 t10k:1000; do
    name=${part%%:*} count=${part##*:}
    for kind in images:3:784 labels:1:1; do
      k=${kind%%:*} rest=${kind#*:} dims=${rest%%:*} item=${rest##*:}
      header=$((4 + 4 * dims))
      file=$work/a/fashion-mnist-$name-$k.idx
      [ "$(stat -c %s "$file")" = $((header + count * item)) ] || fail "$file: $(stat -c %s "$file") bytes"
      [ "$(od -An -tx1 -j4 -N4 "$file" | tr -d ' ')" = "$(printf '%08x' "$count")" ] || fail "$file: count in its header"
      cmp <(tail -c +$((header + 1)) "$file") <(gzip -dc "$fashion/$name-$k-idx$dims-ubyte.gz" | tail -c +$((header + 1)) | head -c $((count * item))) ||
        fail "$file: not the first $count items of $name-$k"
    done
  done
fi

set +e
"$damlab" pack --out "$work/c" --mnist "$work/no-such-package" 2>"$work/err"
code=$?
set -e
[ "$code" = 2 ] || fail "a missing package gave exit code $code, not 2"
grep -q "no-such-package" "$work/err" || fail "the message does not name the file: $(cat "$work/err")"
echo "pack: ok"
