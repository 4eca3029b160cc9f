using Bench.Perf.Pipes;

// Prints the process-pool round trip for one square item (chunk size 1) next to a raw pipe round trip
// between two processes, and the amortized per-item cost with automatic chunking. Targets (issue 2):
// pool round trip ≤ 2× raw; auto-chunked ≤ 0.5 µs per item.
return PipeBenchmark.Run(args, Console.Out);
