#!/usr/bin/env pwsh
# Runs Bench (PowerShell twin of run-bench.sh). With no arguments, or arguments that start with a flag,
# it is `bench run` with the default profile; otherwise the first argument is a subcommand
# (`./run-bench.ps1 list`). Publishes Release once into artifacts/run-bench/ and reuses it until a
# source file changes: the harness ReadyToRun (every cell is a fresh process; precompiled code saves
# each one its JIT start-up), the worker NativeAOT when a clang toolchain is present, else the JIT
# worker beside the harness is used. `dotnet build` and `dotnet test` never touch that folder.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
Set-Location $root
$pub = Join-Path $root 'artifacts/run-bench'
$stamp = Join-Path $pub '.published'
$exe = Join-Path $pub ($IsWindows ? 'bench.exe' : 'bench')
$arch = [System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture
$os = $IsWindows ? 'win' : ($IsMacOS ? 'osx' : 'linux')
$rid = "$os-$($arch -eq 'Arm64' ? 'arm64' : 'x64')"

function Test-NeedsPublish {
    if (-not (Test-Path $exe) -or -not (Test-Path $stamp)) { return $true }
    $published = (Get-Item -Force $stamp).LastWriteTimeUtc # -Force: a dotfile is hidden to Get-Item
    $sources = Get-ChildItem -Path bench, workloads, reports, tools -Recurse -File -Include *.cs, *.csproj, *.props, *.json, *.c -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
    $sources += Get-ChildItem -Path Directory.Build.props, Directory.Packages.props, global.json
    return [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $published } | Select-Object -First 1)
}

function Publish-Harness {
    Remove-Item -Recurse -Force $pub -ErrorAction SilentlyContinue
    dotnet publish bench/Bench.Cli/Bench.Cli.csproj -c Release -r $rid --self-contained false -nologo -v quiet `
        -p:PublishReadyToRun=true -o $pub | Out-Host
    if ($LASTEXITCODE -ne 0) {
        [Console]::Error.WriteLine('run-bench: the ReadyToRun publish failed; publishing the plain (JIT) harness')
        Remove-Item -Recurse -Force $pub -ErrorAction SilentlyContinue
        dotnet publish bench/Bench.Cli/Bench.Cli.csproj -c Release -nologo -v quiet -o $pub | Out-Host
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }
}

function Publish-AotWorker {
    $clang = (Get-Command clang -ErrorAction SilentlyContinue)?.Source
    if (-not $clang -and $IsLinux) { $clang = Get-ChildItem /usr/bin/clang-[0-9]* -ErrorAction SilentlyContinue | Sort-Object Name | Select-Object -Last 1 -ExpandProperty FullName }
    if ($clang -and $IsLinux) {
        [Console]::Error.WriteLine("run-bench: publishing the NativeAOT worker with $clang")
        dotnet publish bench/Bench.Worker/Bench.Worker.csproj -c Release -r $rid -nologo -v quiet `
            -p:PublishAot=true "-p:CppCompilerAndLinker=$clang" -o (Join-Path $pub 'aot') | Out-Host
        if ($LASTEXITCODE -ne 0) {
            [Console]::Error.WriteLine('run-bench: NativeAOT publish failed; using the JIT worker')
            Remove-Item -Recurse -Force (Join-Path $pub 'aot') -ErrorAction SilentlyContinue
        }
    }
    else {
        [Console]::Error.WriteLine('run-bench: no clang found; using the JIT worker')
    }
}

if (Test-NeedsPublish) {
    [Console]::Error.WriteLine('run-bench: publishing Release to artifacts/run-bench (once; reused until the sources change)')
    Publish-Harness
    Publish-AotWorker
    Set-Content -Path $stamp -Value (Get-Date -AsUTC -Format o)
}

# BENCH_NO_AOT=1: measure with the JIT worker beside the harness even where a NativeAOT one was published
# (decided per run, not at publish time, so a publish made under it does not strand later runs on JIT).
if ($env:BENCH_NO_AOT -eq '1') { $env:BENCH_WORKER = Join-Path $pub ($IsWindows ? 'bench-worker.exe' : 'bench-worker') }

$arguments = @($args)
# --help/-h/-?/--version belong to the entry point (its help lists every subcommand), not to `run`.
$entryFlags = @('--help', '-h', '-?', '--version')
if ($arguments.Count -eq 0 -or ($arguments[0].StartsWith('-') -and $arguments[0] -notin $entryFlags)) { $arguments = @('run') + $arguments }
& $exe @arguments
exit $LASTEXITCODE
