#!/usr/bin/env bash
# Times what `npm test` runs, piece by piece: the typecheck, the lint, then every test file in a `node --test`
# process of its own, one after another (as `npm test` runs them, --test-concurrency=1), and prints the
# slowest files and the totals. Run it on a quiet machine, before and after a change, and compare the totals.
#
#   scripts/test-times.sh                      # everything `npm test` runs
#   scripts/test-times.sh packages/server/test/api-*.test.ts   # only these files (no typecheck or lint)
#   TOP=30 scripts/test-times.sh               # the 30 slowest (default 15)
#
# Each file's wall, user and system seconds come from /usr/bin/time; the file's own output is kept in a
# temporary folder, named at the end, for a file that failed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export NODE_COMPILE_CACHE="$PWD/node_modules/.cache/node-compile"
top="${TOP:-15}"
logs="$(mktemp -d "${TMPDIR:-/tmp}/test-times.XXXXXX")"
times="$logs/times.tsv"
: >"$times"

# Runs a command under /usr/bin/time, appending "wall user sys exit name" to the times file.
timed() {
  local name="$1" log="$logs/$(echo "$1" | tr '/ ' '__').log"
  shift
  local status=0
  /usr/bin/time -f "%e %U %S" -o "$logs/time" "$@" >"$log" 2>&1 || status=$?
  read -r wall user sys <"$logs/time" || true
  printf '%s\t%s\t%s\t%s\t%s\n' "$wall" "$user" "$sys" "$status" "$name" >>"$times"
  if [ "$status" -ne 0 ]; then echo "FAILED ($status): $name, see $log" >&2; fi
}

started=$(date +%s.%N)
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  shopt -s globstar nullglob
  files=(packages/*/test/**/*.test.ts examples/*/test/**/*.test.ts)
  timed "(typecheck)" tsc --noEmit -p tsconfig.json
  timed "(lint)" biome check .
fi
for file in "${files[@]}"; do
  timed "$file" node --test --test-concurrency=1 "$file"
done
finished=$(date +%s.%N)

echo
echo "slowest $top of ${#files[@]} test files (seconds: wall, user, sys; exit status):"
grep -v '^[^	]*	[^	]*	[^	]*	[^	]*	(' "$times" | sort -t$'\t' -k1,1 -gr | head -n "$top" |
  awk -F'\t' '{ printf "  %8.1f %8.1f %6.1f  %s  %s\n", $1, $2, $3, $4, $5 }'
echo
awk -F'\t' -v started="$started" -v finished="$finished" '
  $5 ~ /^\(/ { printf "  %-12s %8.1f wall %8.1f cpu\n", $5, $1, $2 + $3; next }
  { wall += $1; cpu += $2 + $3; n++; if ($4 != 0) failed++ }
  END {
    printf "  test files   %8.1f wall %8.1f cpu  (%d files, %d failed)\n", wall, cpu, n, failed
    printf "  whole run    %8.1f wall\n", finished - started
  }' "$times"
echo "logs: $logs"
