#!/usr/bin/env bash
# Runs the suite N times with the same options and says whether it tells the same story each time: how
# many of the report's claims (report/claims.json) are identical in every run — same verdict, same winners
# — and, for each that is not, how it changed. A winner that becomes a different winner is the worst case
# (both runs name a winner, and no strategy is in both) and is counted apart from a winner that becomes a
# tie (or back) and from a top set that gains or loses a member. Also compares the headline claims.
#
#   tools/answer-stability.sh N [bench run options]     e.g.  tools/answer-stability.sh 2 --profile quick
#   tools/answer-stability.sh --claims A/claims.json B/claims.json …   compares runs made already
#
# Goal (issue 15): the headline claims identical, at least 95 % of all claims identical, no winner → other
# winner. Exit code 0 when the goal is met, 1 when not, 2 on bad input. Needs jq.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v jq >/dev/null || { echo "answer-stability.sh: jq is required" >&2; exit 2; }

files=()
if [ "${1:-}" = "--claims" ]; then
  shift
  files=("$@")
  [ "${#files[@]}" -ge 2 ] || { echo "answer-stability.sh: --claims needs at least two claims.json files" >&2; exit 2; }
else
  n="${1:-}"
  [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 2 ] || { echo "answer-stability.sh: give the number of runs (at least 2) first, then bench run options" >&2; exit 2; }
  shift
  bench="$root/run-bench.sh"
  "$bench" list >/dev/null
  out="${STABILITY_OUT:-$root/artifacts/answer-stability/$(date -u +%Y%m%d-%H%M%S)}"
  mkdir -p "$out"
  for pass in $(seq 1 "$n"); do
    echo "== run $pass of $n -> $out/run$pass"
    start=$(date +%s)
    "$bench" run --out "$out/run$pass" "$@" > "$out/run$pass.log" 2>&1 || true
    echo "   $(( $(date +%s) - start )) s; $(tail -n 1 "$out/run$pass.log")"
    files+=("$out/run$pass/report/claims.json")
  done
fi

for f in "${files[@]}"; do
  [ -f "$f" ] || { echo "answer-stability.sh: $f: no claims.json (did the run write its report?)" >&2; exit 2; }
  jq -e '.claims | type == "array"' "$f" >/dev/null 2>&1 || { echo "answer-stability.sh: $f is not a claims.json" >&2; exit 2; }
done

# One line per claim and run: id <TAB> verdict <TAB> winners joined by ",".
table=$(for i in "${!files[@]}"; do
  jq -r --arg run "$i" '.claims[] | [$run, .id, .verdict, (.winners | join(","))] | @tsv' "${files[$i]}"
done)

echo "$table" | awk -F'\t' -v runs="${#files[@]}" '
  # True when two comma-joined winner sets share no strategy: the answer moved to someone else entirely.
  function disjoint(x, y,    n, i, names, set) {
    n = split(x, names, ","); for (i = 1; i <= n; i++) set[names[i]] = 1
    n = split(y, names, ","); for (i = 1; i <= n; i++) if (names[i] in set) return 0
    return 1
  }
  { key = $2; seen[key]++; state = $3 " [" $4 "]"; verdict[key, $1] = $3; winners[key, $1] = $4; if (!(key in first)) { first[key] = state; order[++count] = key } else if (state != first[key]) differ[key] = 1 }
  END {
    identical = 0; total = 0; worst = 0; flip = 0; other = 0; missing = 0; headlineOk = 1
    for (i = 1; i <= count; i++) {
      key = order[i]; total++
      if (seen[key] < runs) { missing++; printf "missing  %s: in %d of %d runs\n", key, seen[key], runs; if (key ~ /^headline\//) headlineOk = 0; continue }
      if (!(key in differ)) { identical++; continue }
      if (key ~ /^headline\//) headlineOk = 0
      # How it changed: any two runs where both are wins with different winners is the worst case.
      kind = "other"
      for (a = 0; a < runs; a++) for (b = a + 1; b < runs; b++) {
        va = verdict[key, a]; vb = verdict[key, b]
        if (winners[key, a] == winners[key, b] && va == vb) continue
        if (va == "win" && vb == "win" && disjoint(winners[key, a], winners[key, b])) kind = "winner->other winner"
        else if (kind != "winner->other winner" && ((va == "win" && vb == "tie") || (va == "tie" && vb == "win"))) kind = "winner<->tie"
      }
      if (kind == "winner->other winner") worst++; else if (kind == "winner<->tie") flip++; else other++
      line = ""
      for (a = 0; a < runs; a++) line = line sprintf("%s run%d: %s [%s]", (a ? ";" : ""), a + 1, verdict[key, a], winners[key, a])
      printf "changed  %-40s %-22s%s\n", key, kind, line
    }
    share = total ? identical / total * 100 : 0
    printf "\n%d of %d claims identical in all %d runs: %.1f%% (goal >= 95%%)\n", identical, total, runs, share
    printf "changed: %d winner -> a different winner (goal 0), %d winner <-> tie, %d other (top set changed, agrees <-> contradicts), %d missing from a run\n", worst, flip, other, missing
    printf "headline claims identical: %s\n", (headlineOk ? "yes" : "no")
    exit (share >= 95 && worst == 0 && headlineOk ? 0 : 1)
  }'
