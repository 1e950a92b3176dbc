using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Inventory.Extensions;
using Shop.Testing;

namespace Shop.Inventory.Tests.Support;

/// <summary>
/// The inventory service itself (its Program) on the shared infrastructure, in a database of its own so that its
/// outbox relay and consumer do not touch the rows the handler tests assert on. Healthy (migrated, Kafka topics
/// ready) before the first request. The factory's type argument only names the service's assembly: <c>Program</c>
/// would be ambiguous, the AppHost has one too.
/// </summary>
/// <param name="infrastructure">The shared PostgreSQL, Kafka and Redis.</param>
/// <param name="settings">Configuration on top of the defaults, e.g. a Redis that is not there.</param>
/// <param name="services">Changes to the service's registrations, e.g. a background service left out.</param>
public sealed class InventoryApp(
    InfrastructureFixture infrastructure, IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<InventoryOptions>
{
    private readonly string _database = $"inventory_http_{Guid.NewGuid():N}"[..24];

    public async Task StartAsync()
    {
        await using (var connection = new NpgsqlConnection(infrastructure.Topology.PostgresConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var client = CreateClient();
        await Wait.UntilAsync(
            async () => (await client.GetAsync("/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(30), "inventory healthy");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:inventorydb", infrastructure.Topology.PostgresConnectionString(_database));
        builder.UseSetting("ConnectionStrings:kafka", infrastructure.Topology.KafkaBootstrapServers);
        builder.UseSetting("ConnectionStrings:cache", infrastructure.Topology.ConnectionStrings["cache"]);
        builder.UseSetting("Kafka:Partitions", InfrastructureFixture.KafkaPartitions.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
