#!/usr/bin/env bash
# Runs Bench. With no arguments, or arguments that start with a flag, it is `bench run` (default
# profile): `./run-bench.sh --profile quick`. Otherwise the first argument is a subcommand:
# `./run-bench.sh list`, `./run-bench.sh compare A B`.
#
# Builds Release once and reuses the build until a source file changes. The worker is published
# NativeAOT when a clang toolchain is present (process start ≈ 30 ms instead of ≈ 83 ms); otherwise the
# JIT worker beside the harness is used, and results.json says which (environment.workerBuild).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
bin="$root/artifacts/bin/Bench.Cli/release"
stamp="$root/artifacts/.run-bench-build"

needs_build() {
  [ -x "$bin/bench" ] || return 0
  [ -f "$stamp" ] || return 0
  [ -n "$(find bench workloads reports tools Directory.Build.props Directory.Packages.props global.json \
      -newer "$stamp" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' -o -name '*.json' -o -name '*.c' \) \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null)" ]
}

find_clang() {
  command -v clang 2>/dev/null && return 0
  ls /usr/bin/clang-[0-9]* 2>/dev/null | sort -V | tail -n 1
}

# A build without publishing (`dotnet test Bench.sln`, `dotnet build`) rewrites bench-worker.dll: the
# harness then ignores the older published worker and falls back to the JIT one, whose processes start
# ≈ 8× slower. Republish rather than measure with it.
aot_is_stale() {
  [ -f "$bin/aot/bench-worker" ] && [ "$bin/bench-worker.dll" -nt "$bin/aot/bench-worker" ]
}

publish_aot() {
  rm -rf "$bin/aot"
  clang="$(find_clang || true)"
  if [ -n "$clang" ] && [ "${BENCH_NO_AOT:-}" != "1" ]; then
    echo "run-bench: publishing the NativeAOT worker with $clang" >&2
    if ! dotnet publish bench/Bench.Worker/Bench.Worker.csproj -c Release -r linux-x64 -nologo -v quiet \
        -p:PublishAot=true -p:CppCompilerAndLinker="$clang" -o "$bin/aot" >&2; then
      echo "run-bench: NativeAOT publish failed; using the JIT worker" >&2
      rm -rf "$bin/aot"
    fi
  else
    echo "run-bench: no clang found; using the JIT worker" >&2
  fi
}

if needs_build; then
  echo "run-bench: building Release (once; reused until the sources change)" >&2
  dotnet build bench/Bench.Cli/Bench.Cli.csproj -c Release -nologo -v quiet >&2
  publish_aot
  mkdir -p "$(dirname "$stamp")" && touch "$stamp"
elif aot_is_stale; then
  echo "run-bench: the NativeAOT worker is older than the last build; republishing" >&2
  publish_aot
fi

if [ $# -eq 0 ] || [[ "$1" == -* ]]; then
  set -- run "$@"
fi
exec "$bin/bench" "$@"
