using Bench.Perf.Pipes;

// Prints the process-pool round trip for one square item (chunk size 1) next to a raw pipe round trip
// between two processes, and the amortized per-item cost with automatic chunking, each against its target
// (PipeBenchmark prints them).
return PipeBenchmark.Run(args, Console.Out);
