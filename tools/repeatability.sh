#!/usr/bin/env bash
# Runs the default profile twice and prints the share of cells whose medians agree within 5%.
# Goal: at least 90% on an otherwise idle machine. Extra arguments go to both `bench run`s
# (e.g. --workloads sleep,sieve). Needs jq. Exit code: 0 when the goal is met, 1 otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# run-bench.sh publishes (once) what a user measures with: the ReadyToRun harness and the NativeAOT worker.
bench="$root/run-bench.sh"
"$bench" list >/dev/null
command -v jq >/dev/null || { echo "repeatability.sh: jq is required" >&2; exit 2; }

out="${REPEATABILITY_OUT:-$root/artifacts/repeatability/$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$out"
for pass in 1 2; do
  echo "== run $pass of 2 -> $out/run$pass"
  "$bench" run --profile default --out "$out/run$pass" "$@" > "$out/run$pass.log" || true
  tail -n 2 "$out/run$pass.log"
done

# Medians of ok cells by identity (workload|strategy|W|parameters), joined across the two runs.
medians() {
  jq -r '.cells[] | select(.status == "ok") |
    [.workload, .strategy, (.workers | tostring), (.parameters | to_entries | sort_by(.key) | map("\(.key)=\(.value)") | join(";")), .medianNs] |
    "\(.[0:4] | join("|"))\t\(.[4])"' "$1" | sort
}
join -t $'\t' <(medians "$out/run1/results.json") <(medians "$out/run2/results.json") > "$out/pairs.tsv"

awk -F'\t' '
  { a = $2; b = $3; diff = (a > b ? a - b : b - a) / (a < b ? a : b); total++
    agree += (diff <= 0.05); printf "%-60s %12.3f ms %12.3f ms %7.1f%%%s\n", $1, a / 1e6, b / 1e6, diff * 100, (diff <= 0.05 ? "" : "  <- differs") }
  END {
    if (total == 0) { print "no cell is ok in both runs"; exit 1 }
    share = agree / total * 100
    printf "\n%d of %d cells agree within 5%%: %.1f%% (goal >= 90%%)\n", agree, total, share
    exit (share >= 90 ? 0 : 1)
  }' "$out/pairs.tsv"
