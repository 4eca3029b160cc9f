namespace Bench.Store;

/// <summary>A store that cannot be used as asked (unreachable, locked, corrupt, newer schema, a run already in it); the message is the one line the CLI prints with exit code 2.</summary>
public sealed class StoreException(string message) : Exception(message);
