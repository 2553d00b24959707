# Shared start of the runner's shell tests: sourced with the damlab binary as $1.
# Sets $damlab and a scratch folder $work (removed on exit), and fail().
set -euo pipefail
damlab=${1:?usage: $(basename "$0") PATH_TO_DAMLAB}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
