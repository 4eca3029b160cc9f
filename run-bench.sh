#!/usr/bin/env bash
# Runs Bench. With no arguments, or arguments that start with a flag, it is `bench run` (default
# profile): `./run-bench.sh --profile quick`. Otherwise the first argument is a subcommand:
# `./run-bench.sh list`, `./run-bench.sh compare A B`. `--help` and `--version` go to `bench` itself.
#
# Publishes Release once into artifacts/run-bench/ and reuses it until a source file changes:
# - the harness ReadyToRun (precompiled): every cell is a fresh `bench cell` process, and without it
#   each one would spend a good part of its start JIT-compiling BenchmarkDotNet and the harness;
# - the worker NativeAOT when a clang toolchain is present (a faster process start; docs/perf-notes.md);
#   otherwise the JIT worker beside the harness is used, and results.json says which
#   (environment.workerBuild).
# The folder is run-bench's own: `dotnet build` and `dotnet test` write artifacts/bin/ and never make
# the published worker older than the harness beside it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
pub="$root/artifacts/run-bench"
stamp="$pub/.published"

case "$(uname -m)" in
  aarch64 | arm64) rid=linux-arm64 ;;
  *) rid=linux-x64 ;;
esac

needs_publish() {
  [ -x "$pub/bench" ] || return 0
  [ -f "$stamp" ] || return 0
  [ -n "$(find bench workloads reports tools Directory.Build.props Directory.Packages.props global.json \
      -newer "$stamp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.c' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]
}

find_clang() {
  command -v clang 2>/dev/null && return 0
  ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -n 1
}

publish_harness() {
  rm -rf "$pub"
  if ! dotnet publish bench/Bench.Cli/Bench.Cli.csproj -c Release -r "$rid" --self-contained false -nologo -v quiet \
      -p:PublishReadyToRun=true -o "$pub" >&2; then
    echo "run-bench: the ReadyToRun publish failed; publishing the plain (JIT) harness" >&2
    rm -rf "$pub"
    dotnet publish bench/Bench.Cli/Bench.Cli.csproj -c Release -nologo -v quiet -o "$pub" >&2
  fi
}

publish_aot_worker() {
  clang="$(find_clang || true)"
  if [ -n "$clang" ]; then
    echo "run-bench: publishing the NativeAOT worker with $clang" >&2
    if ! dotnet publish bench/Bench.Worker/Bench.Worker.csproj -c Release -r "$rid" -nologo -v quiet \
        -p:PublishAot=true -p:CppCompilerAndLinker="$clang" -o "$pub/aot" >&2; then
      echo "run-bench: NativeAOT publish failed; using the JIT worker" >&2
      rm -rf "$pub/aot"
    fi
  else
    echo "run-bench: no clang found; using the JIT worker" >&2
  fi
}

if needs_publish; then
  echo "run-bench: publishing Release to artifacts/run-bench (once; reused until the sources change)" >&2
  publish_harness
  publish_aot_worker
  touch "$stamp"
fi

# BENCH_NO_AOT=1: measure with the JIT worker beside the harness even where a NativeAOT one was published
# (decided here, per run, not at publish time: a publish made under it would leave later runs without
# the NativeAOT worker until a source changed).
if [ "${BENCH_NO_AOT:-}" = "1" ]; then
  export BENCH_WORKER="$pub/bench-worker"
fi

# --help/-h/-?/--version belong to the entry point (its help lists every subcommand), not to `run`.
case "${1:-}" in
  --help | -h | '-?' | --version) ;;
  '' | -*) set -- run "$@" ;;
esac
exec "$pub/bench" "$@"
