#!/usr/bin/env bash
# The figures of docs/compare.md#measured-bench-ab-against-two-separate-runs: how often the gate cries wolf
# and how often it catches a real 5 % slowdown, for bench ab and — in the same minutes — for two separate
# runs and bench compare. A benchmark, not a test: run it on the machine kind you gate on, with nothing else
# running. Every invocation's directories, logs and JSON reports stay under the output folder.
#
#   A/A    (AB_FIGURES_AA times, default 10): bench ab . . on the CI recipe's matrix (quick; square,sleep;
#          W 1,2) with R rounds; then two separate `bench run --launches R` of the same matrix (the same
#          launches, so about the same minutes) and bench compare between them.
#   power  (AB_FIGURES_POWER times, default 5): the same on square,sleep,sieve (W 1,2) with
#          B = env:BENCH_INJECT_SLOWDOWN=sleep:5%,sieve:5% (the second run: that variable set). Sleep and
#          sieve cells are affected; square cells are not.
#
# Prints, and writes to OUT/figures.md, per mode and method: invocations that exited 1, cells flagged slower
# per invocation (A/A: every one false; power: the share of affected cells found and unaffected cells
# flagged), and minutes per invocation. Environment: AB_FIGURES_AA, AB_FIGURES_POWER, AB_FIGURES_ROUNDS
# (default 6: bench ab's default for quick), AB_FIGURES_OUT, AB_FIGURES_EXTRA (more options for bench ab and
# bench run alike, e.g. "--strategies threads" for a smoke test of this script). `tools/ab-gate-figures.sh --summarize OUT` prints
# the table again from OUT/results.tsv (also of an interrupted run). Needs jq.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v jq >/dev/null || { echo "ab-gate-figures.sh: jq is required" >&2; exit 2; }

summarize() { # OUT
  local out=$1 results="$1/results.tsv"
  [ -s "$results" ] || { echo "ab-gate-figures.sh: no results in $results" >&2; exit 2; }
  {
    echo "Machine: $(nproc) logical cores, $(uname -sr); load average now $(cut -d' ' -f1-3 /proc/loadavg)."
    echo "Rounds (bench ab) = launches a run (bench run --launches): $(cut -f9 "$results" | sort -u | paste -sd, -)."
    echo
    echo "| mode | method | invocations exiting 1 | cells flagged slower per invocation | minutes per invocation |"
    echo "|---|---|---|---|---|"
    awk -F'\t' '
      $5 != "NA" { key = $1 "\t" $2; n[key]++; fails[key] += ($4 == 1); aff[key] += $5; other[key] += $6; naff[key] += $7; cells[key] += $8; secs[key] += $10 }
      $5 == "NA" { key = $1 "\t" $2; broken[key]++ }
      END {
        for (k in n) {
          split(k, p, "\t")
          note = (k in broken) ? sprintf(" (%d more without a report)", broken[k]) : ""
          if (p[1] == "aa")
            printf "| A/A | %s | %d of %d%s | %.2f of %.0f cells (%.2f %%) | %.1f |\n", p[2], fails[k], n[k], note,
                   (aff[k] + other[k]) / n[k], cells[k] / n[k], 100 * (aff[k] + other[k]) / cells[k], secs[k] / n[k] / 60
          else
            printf "| power (sleep, sieve +5 %%) | %s | %d of %d%s | %.1f %% of %.0f affected cells found; %.2f of %.0f unaffected cells flagged | %.1f |\n",
                   p[2], fails[k], n[k], note, naff[k] ? 100 * aff[k] / naff[k] : 0, naff[k] / n[k], other[k] / n[k], (cells[k] - naff[k]) / n[k], secs[k] / n[k] / 60
        }
      }' "$results" | sort
  } | tee "$out/figures.md"
  echo "raw: $results (mode, method, invocation, exit, slower affected, slower unaffected, affected cells, cells, rounds, seconds)"
}

if [ "${1:-}" = "--summarize" ]; then
  summarize "${2:?--summarize OUT}"
  exit 0
fi

aa=${AB_FIGURES_AA:-10}
power=${AB_FIGURES_POWER:-5}
rounds=${AB_FIGURES_ROUNDS:-6}
out="${AB_FIGURES_OUT:-$root/artifacts/ab-gate-figures/$(date -u +%Y%m%d-%H%M%S)}"
bench="$root/run-bench.sh"
"$bench" list >/dev/null # publish once, before anything is timed
mkdir -p "$out"
results="$out/results.tsv"
: > "$results"
slowdown="sleep:5%,sieve:5%"

# In a bench-compare/1 JSON: slower affected, slower unaffected, affected cells, cells (affected: sleep, sieve).
count() {
  jq -r '[.cells[] | select(.verdict == "slower") | .group] as $s |
         [($s | map(select(. == "sleep" or . == "sieve")) | length), ($s | map(select(. != "sleep" and . != "sieve")) | length),
          ([.cells[] | select(.group == "sleep" or .group == "sieve")] | length), (.cells | length)] | @tsv' "$1"
}

record() { # mode method invocation exit json seconds
  local counts
  counts=$(count "$5" 2>/dev/null) || counts=$'NA\tNA\tNA\tNA'
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$counts" "$rounds" "$6" | tee -a "$results" | sed 's/^/  /'
}

one() { # mode invocation
  local mode=$1 i=$2 dir="$out/$1-$2" matrix b env_b start code
  if [ "$mode" = aa ]; then matrix="square,sleep"; b="."; env_b=""; else matrix="square,sleep,sieve"; b="env:BENCH_INJECT_SLOWDOWN=$slowdown"; env_b=$slowdown; fi
  mkdir -p "$dir"
  local common=(--profile quick --workloads "$matrix" --workers 1,2)
  # shellcheck disable=SC2206 # AB_FIGURES_EXTRA is a list of options, split on purpose
  common+=(${AB_FIGURES_EXTRA:-})

  start=$SECONDS; code=0
  "$bench" ab . "$b" "${common[@]}" --rounds "$rounds" --out "$dir/ab" > "$dir/ab.log" 2>&1 || code=$?
  record "$mode" "bench ab" "$i" "$code" "$dir/ab/ab.json" "$((SECONDS - start))"

  start=$SECONDS; code=0
  "$bench" run "${common[@]}" --launches "$rounds" --out "$dir/run-a" > "$dir/run-a.log" 2>&1 || true
  BENCH_INJECT_SLOWDOWN="$env_b" "$bench" run "${common[@]}" --launches "$rounds" --out "$dir/run-b" > "$dir/run-b.log" 2>&1 || true
  "$bench" compare "$dir/run-a" "$dir/run-b" --format json --output "$dir/compare.json" > "$dir/compare.log" 2>&1 || code=$?
  record "$mode" "two runs + bench compare" "$i" "$code" "$dir/compare.json" "$((SECONDS - start))"
}

echo "ab-gate-figures: $aa A/A and $power power invocations of each method, $rounds rounds, into $out"
echo "  columns: mode, method, invocation, exit, slower affected, slower unaffected, affected cells, cells, rounds, seconds"
for i in $(seq 1 "$aa"); do one aa "$i"; done
for i in $(seq 1 "$power"); do one power "$i"; done
echo
summarize "$out"
