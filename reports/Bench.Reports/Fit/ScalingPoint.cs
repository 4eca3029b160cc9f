namespace Bench.Reports.Fit;

/// <summary>One measured point of a speedup curve: W workers gave this speedup over W=1.</summary>
public readonly record struct ScalingPoint(double Workers, double Speedup);
