// Each test class here starts real processes (a PostgreSQL cluster, redis-server, up to four services);
// run side by side on a small machine they would starve each other into flaky timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
