namespace Bench.Sdk.Tests;

/// <summary>Workload sources the tests compile: one good shape, varied where each test needs it.</summary>
internal static class Sources
{
    /// <summary>An <c>ItemWorkload</c> named <paramref name="name"/> whose item computes <paramref name="item"/> (an expression over index).</summary>
    public static string ItemWorkload(string name, string item = "(long)index * index", string className = "Work", string description = "\"a test workload\"", string parameters = "[ParameterSpec.Integer(\"items\", \"items per batch\", 4, 1, 100)]") => $$"""
        public sealed class {{className}} : ItemWorkload
        {
            private static long _calls;
            public override WorkloadInfo Info => new("{{name}}", {{description}}, WorkloadCategory.CpuBound, false, {{parameters}});
            protected override int ItemCount(ParameterSet p) => p.GetInt32("items");
            protected override long RunItem(int index, ParameterSet p) => {{item}};
            private static long Next() => Interlocked.Increment(ref _calls);
            private static T Fail<T>(Exception e) => throw e;
        }
        """;
}
