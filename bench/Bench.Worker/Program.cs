using Bench.Worker;

// The worker's whole life: serve frames on stdin/stdout until stdin closes.
return WorkerHost.Serve(Console.OpenStandardInput(), Console.OpenStandardOutput(), Console.Error);
