#!/usr/bin/env pwsh
# Runs Bench (PowerShell twin of run-bench.sh). With no arguments, or arguments that start with a flag,
# it is `bench run` with the default profile; otherwise the first argument is a subcommand
# (`./run-bench.ps1 list`). Builds Release once and reuses the build until a source file changes; the
# worker is published NativeAOT when a clang toolchain is present, else the JIT worker is used.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
Set-Location $root
$bin = Join-Path $root 'artifacts/bin/Bench.Cli/release'
$stamp = Join-Path $root 'artifacts/.run-bench-build'
$exe = Join-Path $bin ($IsWindows ? 'bench.exe' : 'bench')

function Test-NeedsBuild {
    if (-not (Test-Path $exe) -or -not (Test-Path $stamp)) { return $true }
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $sources = Get-ChildItem -Path bench, workloads, reports, tools -Recurse -File -Include *.cs, *.csproj, *.props, *.json, *.c -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $sources += Get-ChildItem -Path Directory.Build.props, Directory.Packages.props, global.json
    return [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

# A build without publishing (`dotnet test Bench.sln`, `dotnet build`) rewrites bench-worker.dll: the
# harness then ignores the older published worker and falls back to the JIT one, whose processes start
# ≈ 8× slower. Republish rather than measure with it.
function Test-AotIsStale {
    $aot = Join-Path $bin 'aot/bench-worker'
    $dll = Join-Path $bin 'bench-worker.dll'
    return (Test-Path $aot) -and (Test-Path $dll) -and ((Get-Item $dll).LastWriteTimeUtc -gt (Get-Item $aot).LastWriteTimeUtc)
}

function Publish-AotWorker {
    Remove-Item -Recurse -Force (Join-Path $bin 'aot') -ErrorAction SilentlyContinue
    $clang = (Get-Command clang -ErrorAction SilentlyContinue)?.Source
    if (-not $clang -and $IsLinux) { $clang = Get-ChildItem /usr/bin/clang-[0-9]* -ErrorAction SilentlyContinue | Sort-Object Name | Select-Object -Last 1 -ExpandProperty FullName }
    if ($clang -and $IsLinux -and $env:BENCH_NO_AOT -ne '1') {
        [Console]::Error.WriteLine("run-bench: publishing the NativeAOT worker with $clang")
        dotnet publish bench/Bench.Worker/Bench.Worker.csproj -c Release -r linux-x64 -nologo -v quiet `
            -p:PublishAot=true "-p:CppCompilerAndLinker=$clang" -o (Join-Path $bin 'aot') | Out-Host
        if ($LASTEXITCODE -ne 0) {
            [Console]::Error.WriteLine('run-bench: NativeAOT publish failed; using the JIT worker')
            Remove-Item -Recurse -Force (Join-Path $bin 'aot') -ErrorAction SilentlyContinue
        }
    }
    else {
        [Console]::Error.WriteLine('run-bench: no clang found; using the JIT worker')
    }
}

if (Test-NeedsBuild) {
    [Console]::Error.WriteLine('run-bench: building Release (once; reused until the sources change)')
    dotnet build bench/Bench.Cli/Bench.Cli.csproj -c Release -nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    Publish-AotWorker
    New-Item -ItemType Directory -Force (Split-Path $stamp) | Out-Null
    Set-Content -Path $stamp -Value (Get-Date -AsUTC -Format o)
}
elseif (Test-AotIsStale) {
    [Console]::Error.WriteLine('run-bench: the NativeAOT worker is older than the last build; republishing')
    Publish-AotWorker
}

$arguments = @($args)
if ($arguments.Count -eq 0 -or $arguments[0].StartsWith('-')) { $arguments = @('run') + $arguments }
& $exe @arguments
exit $LASTEXITCODE
