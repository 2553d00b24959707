#!/usr/bin/env bash
# Where and how the runner writes: a spec's name is a plain file name inside
# --out; a failed write (full disk, /dev/full) is an error, never a silent
# empty file; outputs are replaced atomically; an unwritable --out fails
# before the work. Usage: output_test.sh PATH_TO_DAMLAB
source "$(dirname "$0")/common.sh"

small='"data": {"source": "rademacher", "N": 40, "S": 6, "p": 0.5}, "sweep": [{"data.seed": [1, 2]}]'

# 1. The name is the output files' stem: only plain file names.
mkdir -p "$work/out" "$work/victim"
echo precious >"$work/victim/x.csv"
for name in '../victim/x' "$work/victim/x" '.' '..' 'a/b' 'a\\b' 'a b' \
  "$(printf 'n%.0s' {1..101})"; do
  printf '{"name": "%s", %s}\n' "$name" "$small" >"$work/named.json"
  refused "name '$name'" 'name = .*: must be a plain file name: 1 to 100 of the characters A-Z a-z 0-9 \. _ -' \
    sweep "$work/named.json" --out "$work/out"
done
[[ $(cat "$work/victim/x.csv") == precious ]] || fail "a name wrote outside --out"
[[ -z $(ls -A "$work/out") ]] || fail "a refused name wrote into --out: $(ls -A "$work/out")"
printf '{"name": "fig-1_a.v2", %s}\n' "$small" >"$work/named.json"
"$damlab" sweep "$work/named.json" --out "$work/out" 2>/dev/null
[[ -s $work/out/fig-1_a.v2.csv && -s $work/out/fig-1_a.v2.json ]] || fail "a plain name was not written"

# 2. A full disk is an error: standard output...
code=0
"$damlab" capacity --p 0.5 --N 40 --S 6 >/dev/full 2>"$work/err" || code=$?
[[ $code -eq 2 ]] || fail "capacity >/dev/full: exit $code"
grep -q 'cannot write to standard output: No space left on device' "$work/err" ||
  fail "capacity >/dev/full: $(cat "$work/err")"
printf '{%s}\n' "${small%%, \"sweep\"*}" >"$work/one.json"
"$damlab" run "$work/one.json" >/dev/full 2>"$work/err" && fail "run >/dev/full exited 0"
"$damlab" theory --N 100 --n 2 >/dev/full 2>"$work/err" && fail "theory >/dev/full exited 0"
# ... and its close: a file system that reports a failed write only then
# (NFS, a quota) is stood in for by a close(1) that fails (an LD_PRELOAD
# library; not with AddressSanitizer, which must be loaded first).
if command -v cc >/dev/null && [ "${DAMLAB_SANITIZED:-0}" != 1 ]; then
  cat >"$work/close.c" <<'C'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
int close(int fd) {
  int (*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "close");
  int status = real(fd);
  if (fd == 1) {
    errno = EIO;
    return -1;
  }
  return status;
}
C
  cc -shared -fPIC -o "$work/close.so" "$work/close.c" -ldl
  for command in "capacity --p 0.5 --N 40 --S 6" "run $work/one.json" "theory --N 100 --n 2"; do
    code=0
    # shellcheck disable=SC2086
    LD_PRELOAD=$work/close.so "$damlab" $command >"$work/stdout" 2>"$work/err" || code=$?
    [[ $code -eq 2 ]] || fail "$command with a failing close: exit $code"
    grep -q 'cannot close standard output: Input/output error' "$work/err" ||
      fail "$command with a failing close: $(cat "$work/err")"
  done
fi

# ... and files: output links to /dev/full are replaced by the complete
# files (the rename replaces the link, it never writes through it).
printf '{"name": "full", %s}\n' "$small" >"$work/full.json"
mkdir -p "$work/full"
ln -s /dev/full "$work/full/full.csv"
ln -s /dev/full "$work/full/full.json"
"$damlab" sweep "$work/full.json" --out "$work/full" 2>/dev/null
[[ ! -L $work/full/full.csv && ! -L $work/full/full.json ]] || fail "the links were written through"
[[ $(wc -l <"$work/full/full.csv") -eq 3 ]] || fail "full.csv is not the 2-row CSV"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r["complete"] else 1)' \
  "$work/full/full.json" || fail "full.json is not the record"
# A file size limit (what a full disk does to write): an error, no partial
# output left in place of the old one.
mkdir -p "$work/limited"
echo old >"$work/limited/full.csv"
# (Messages go through a pipe: the limit applies to every file written.)
said=$( (trap '' XFSZ; ulimit -f 0; "$damlab" sweep "$work/full.json" --out "$work/limited" 2>&1; echo "exit $?") )
[[ $said == *"exit 2" ]] || fail "a write beyond the file size limit: $said"
[[ $said == *"cannot write '"*"full.csv"*"': File too large"* ]] || fail "size limit: $said"
[[ $(cat "$work/limited/full.csv") == old ]] || fail "the old output was not kept whole"
ls "$work/limited" | grep -q 'tmp-' && fail "a temporary file was left: $(ls "$work/limited")"

# An unwritable --out fails at once, before the work (a folder under a
# regular file: chmod does not stop root).
cat >"$work/slow.json" <<'JSON'
{"name": "slow", "data": {"source": "rademacher", "N": 784, "S": 300, "p": 0.5, "seed": 1},
 "model": {"F": "rectpoly", "n": 2}, "sweep": [{"data.seed": {"from": 1, "to": 400, "step": 1}}]}
JSON
touch "$work/file"
start=$EPOCHREALTIME
refused out-under-a-file "cannot create the output folder '.*file/x': Not a directory" \
  sweep "$work/slow.json" --out "$work/file/x"
refused merge-out-under-a-file "cannot create the output folder '.*file/x': Not a directory" \
  merge "$work/slow.json" "$work/one.json" --out "$work/file/x"
awk -v s="$start" -v e="$EPOCHREALTIME" 'BEGIN { exit !(e - s < 2) }' || fail "unwritable --out took over 2 s"

# Low: duplicate keys, an empty data.path, no file bytes in messages.
printf '{"data": {"source": "rademacher", "N": 40, "N": 50, "S": 6, "p": 0.5}}' >"$work/dup.json"
refused duplicate-key 'key "N" given twice in one object' run "$work/dup.json"
printf '{"data": {"source": "idx", "path": ""}}' >"$work/empty-path.json"
refused empty-path 'data.path = 0 bytes: must be a file path of 1 to 4096 bytes' run "$work/empty-path.json"
printf 'SECRET-TOKEN-1234 and more\n' >"$work/secret.txt"
refused spec-not-json 'not valid JSON: syntax error at byte' run "$work/secret.txt"
grep -q SECRET "$work/err" && fail "the message printed the file: $(cat "$work/err")"
printf '["SECRET-TOKEN-1234"]' >"$work/secret.json"
refused spec-not-object 'spec = a array: must be a JSON object' run "$work/secret.json"
grep -q SECRET "$work/err" && fail "the message printed the file: $(cat "$work/err")"
refused merge-not-shard 'secret.txt = line 1: must be "# damlab shard i/N experiment' \
  merge "$work/full.json" "$work/secret.txt" --out "$work/m"
grep -q SECRET "$work/err" && fail "the message printed the file: $(cat "$work/err")"

# Out of memory is exit 2 with a message (an address-space limit, which
# AddressSanitizer's shadow memory cannot live with: not in that build).
if [ "${DAMLAB_SANITIZED:-0}" = 1 ]; then
  echo "all output checks passed (out of memory not tried: sanitizer build)"
  exit 0
fi
code=0
(ulimit -v 300000; "$damlab" capacity --p 0.5 --N 4000 --S 16000 >/dev/null 2>"$work/err") || code=$?
[[ $code -eq 2 ]] || fail "out of memory: exit $code: $(cat "$work/err")"
grep -q 'out of memory' "$work/err" || fail "out of memory: $(cat "$work/err")"

echo "all output checks passed"
