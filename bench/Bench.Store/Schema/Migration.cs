namespace Bench.Store.Schema;

/// <summary>One step of the store's schema: its statements run in one transaction with the row that records it in schema_version.</summary>
/// <param name="Statements">SQL that both engines run; <c>{binary}</c> stands for the engine's binary column type.</param>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
