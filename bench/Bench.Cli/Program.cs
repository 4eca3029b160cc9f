using Bench.Cli;

InheritedSignals.RestoreInterrupt();
return Cli.Run(args, Console.Out, Console.Error);
