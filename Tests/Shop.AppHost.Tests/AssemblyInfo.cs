// The AppHost tests start whole shops (the shared fixture's, the chaos test's with two replicas of every service,
// the replay test's): one at a time, as side by side on a small machine they would starve each other into timeouts.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
