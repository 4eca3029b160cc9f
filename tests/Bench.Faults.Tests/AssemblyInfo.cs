// The fault tests time how fast faults are noticed and scan the process table: running them one at a
// time keeps both honest on a small, shared machine.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
