// Race and GIL experiments depend on threads really running side by side: running these tests one at a
// time keeps them from competing with each other for the machine's few cores.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
