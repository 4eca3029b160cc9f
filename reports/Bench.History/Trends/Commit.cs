namespace Bench.History.Trends;

/// <summary>
/// A point on the history's x axis: a commit, in the order it was first measured (on any machine). Runs
/// without a commit are a point each, named by their run id.
/// </summary>
/// <param name="Id">The full commit (or "run:ID").</param>
/// <param name="Label">How it reads on an axis: the first 8 characters of the commit, or "run ID".</param>
public sealed record Commit(int Index, string Id, string Label, DateTimeOffset FirstMeasuredUtc, string? Branch);
