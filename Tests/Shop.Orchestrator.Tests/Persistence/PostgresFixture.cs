using Shop.AppHost.Testing;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>
/// A throw-away PostgreSQL: the AppHost's own <c>postgres</c> resource, started without the services (the same
/// server the other services' tests and the end-to-end tests use). <see cref="ConnectionString"/> points at its
/// <c>postgres</c> database, where each test host creates a database of its own.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private ShopAppHost? _infrastructure;

    public string ConnectionString =>
        (_infrastructure ?? throw new InvalidOperationException("not started")).ConnectionStrings["postgres"];

    public async Task InitializeAsync() =>
        _infrastructure = await ShopAppHost.StartInfrastructureAsync(new ShopAppHostOptions { KafkaBrokers = 1, KafkaPartitions = 1 });

    public async Task DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
