using Shop.LocalHost;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>
/// A throw-away PostgreSQL from LocalHost's infrastructure (no services), the same cluster the other services'
/// tests and the end-to-end tests use. <see cref="ConnectionString"/> points at its <c>postgres</c> database, where
/// each test host creates a database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalTopology? _infrastructure;

    public string ConnectionString =>
        (_infrastructure ?? throw new InvalidOperationException("not started")).Postgres.ConnectionString("postgres");

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"shop-orchestrator-tests-{Environment.ProcessId}");
        _infrastructure = await LocalTopology.StartAsync(new LocalTopologyOptions
        {
            Services = [],
            KafkaBrokers = 1,
            KafkaPartitions = 1,
            StateFilePath = null,
            LogDirectory = Path.Combine(folder, "logs"),
        });
    }

    public async Task DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
