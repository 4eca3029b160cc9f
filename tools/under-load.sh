#!/usr/bin/env bash
# Runs a command while CPU hogs keep every core busy: the "loaded machine" Bench's tests must pass on.
#   tools/under-load.sh [-n HOGS] COMMAND...      (default: 2 busy processes per core, a load of about 4 on 2 cores)
# e.g. tools/under-load.sh dotnet test Bench.sln -c Release
# The hogs are this script's own children, ended by pid when the command ends (also on Ctrl+C).
set -u
per_core=2
if [ "${1:-}" = "-n" ]; then hogs=$2; shift 2; else hogs=$(( per_core * $(nproc) )); fi
[ $# -gt 0 ] || { echo "usage: $0 [-n HOGS] COMMAND..." >&2; exit 2; }
pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done; wait "${pids[@]}" 2>/dev/null; }
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq "$hogs"); do
  ( while :; do :; done ) &
  pids+=($!)
done
echo "under-load: $hogs CPU hogs on $(nproc) cores (pids ${pids[*]}); running: $*" >&2
"$@"
status=$?
echo "under-load: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; exit $status" >&2
exit $status
