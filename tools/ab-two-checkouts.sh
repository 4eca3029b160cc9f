#!/usr/bin/env bash
# bench ab with two checkouts: this one (A) and a copy of its committed tree (B) in which the sleep
# workload's source waits 20% longer per item. Both are published by their own run-bench.sh, then
# `bench ab A B` must find the sleep cells slower and no other cell. A check a reader can rerun, not a test
# (two publishes and a quick A/B: minutes). Extra arguments go to bench ab (e.g. --rounds 8).
# Exit code: 0 when bench ab exits 1 naming only sleep cells, 1 otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="${AB_TWO_OUT:-$root/artifacts/ab-two-checkouts/$(date -u +%Y%m%d-%H%M%S)}"
copy="$out/slower-checkout"
mkdir -p "$copy"
command -v jq >/dev/null || { echo "ab-two-checkouts.sh: jq is required" >&2; exit 2; }

# B: the committed tree (git archive: no build outputs, no untracked files), one workload made slower.
git -C "$root" archive HEAD | tar -x -C "$copy"
sleep_cs="$copy/workloads/Bench.Workloads/Basic/SleepWorkload.cs"
sed -i 's/Thread\.Sleep(milliseconds);/Thread.Sleep(milliseconds * 6 \/ 5);/; s/Task\.Delay(milliseconds, /Task.Delay(milliseconds * 6 \/ 5, /' "$sleep_cs"
grep -q 'milliseconds \* 6 / 5' "$sleep_cs" || { echo "ab-two-checkouts.sh: the sleep workload's source no longer has the line this script edits" >&2; exit 2; }

# A runs bench ab: this checkout's own published bench.
"$root/run-bench.sh" list >/dev/null
set +e
"$root/run-bench.sh" ab "$root" "$copy" --profile quick --workloads square,sleep --workers 1,2 \
  --out "$out/ab" --output "markdown=$out/ab.md" "$@" | tee "$out/ab.log"
code=${PIPESTATUS[0]}
set -e

# The cells that failed the gate, from DIR/ab.json (bench-compare/1).
failing=$(jq -r '.cells[] | select(.fails) | .name' "$out/ab/ab.json" 2>/dev/null || true)
others=$(printf '%s\n' "$failing" | grep -v '^sleep ' | grep -v '^$' || true)
echo "bench ab exited $code; cells failing the gate:"
printf '%s\n' "$failing" | sed 's/^/  /'
if [ "$code" -eq 1 ] && [ -n "$failing" ] && [ -z "$others" ]; then
  echo "ab-two-checkouts.sh: OK: only sleep cells are slower (report: $out/ab.md)"
else
  echo "ab-two-checkouts.sh: NOT OK: expected exit 1 with sleep cells only (report: $out/ab.md)"
  exit 1
fi
