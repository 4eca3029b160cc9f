namespace Bench.Harness.Os;

/// <summary>
/// Whether a child .NET process gets the runtime's diagnostic endpoint (EventPipe, the debugger, dotnet-trace).
/// Cells and workers run without it by default: a killed one would otherwise leave its endpoint files in the
/// temp directory. A cell that is to be traced on demand keeps it (<see cref="Planning.CellSpec.DiagnosticIpc"/>).
/// </summary>
public static class DiagnosticIpc
{
    public const string Variable = "DOTNET_EnableDiagnostics";

    public static void Configure(System.Diagnostics.ProcessStartInfo info, bool enabled)
    {
        if (enabled)
        {
            info.Environment.Remove(Variable);
        }
        else
        {
            info.Environment[Variable] = "0";
        }
    }
}
