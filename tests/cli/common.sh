# Shared start of the runner's shell tests: sourced with the damlab binary as $1.
# Sets $damlab and a scratch folder $work (removed on exit), fail() and refused().
set -euo pipefail
damlab=${1:?usage: $(basename "$0") PATH_TO_DAMLAB}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# refused NAME PATTERN ARGS...: exit code 2, stderr matching PATTERN.
refused() {
  local name=$1 pattern=$2
  shift 2
  local code=0
  "$damlab" "$@" >/dev/null 2>"$work/err" || code=$?
  [[ $code -eq 2 ]] || fail "$name: exit code $code, expected 2; stderr: $(cat "$work/err")"
  grep -Eq -- "$pattern" "$work/err" || fail "$name: stderr does not match '$pattern': $(cat "$work/err")"
}
