using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Shop.AppHost.Testing;
using Shop.Messaging.Envelope;
using Shop.Messaging.Outbox;
using Shop.Payments.Data;
using Shop.Payments.Domain;
using Shop.Payments.Extensions;

namespace Shop.Payments.Tests.Support;

/// <summary>
/// A real PostgreSQL from the AppHost's infrastructure (no services) with the payments database migrated by the
/// service's own migrations, and the service's own registrations (<c>AddPaymentsServices</c>)
/// in a host that is built but not started: no relay publishes and deletes the outbox rows the tests read.
/// Each test uses its own customers and orders, so the tests share the database.
/// </summary>
public sealed class PaymentsDatabaseFixture : IAsyncLifetime
{
    private ShopAppHost? _infrastructure;
    private IHost? _host;
    private PaymentsApp? _app;

    public ShopAppHost Infrastructure => _infrastructure ?? throw new InvalidOperationException("not started");

    /// <summary>The service itself over HTTP (Development, as the AppHost runs it), in a database of its own.</summary>
    public PaymentsApp App => _app ?? throw new InvalidOperationException("not started");

    public IServiceProvider Services => (_host ?? throw new InvalidOperationException("not started")).Services;

    public async Task InitializeAsync()
    {
        _infrastructure = await ShopAppHost.StartInfrastructureAsync(new ShopAppHostOptions { KafkaPartitions = 1, KafkaBrokers = 1 });

        _host = BuildHost(Infrastructure, Infrastructure.ConnectionStrings["paymentsdb"]);
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PaymentsDbContext>().Database.MigrateAsync();

        _app = new PaymentsApp(this, "Development");
        await _app.StartAsync();
    }

    /// <summary>A new, empty database on the same server (e.g. for a host whose relay must not touch these rows).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.ConnectionStrings["paymentsdb"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(connection.ConnectionString) { Database = name }.ConnectionString;
    }

    public Task HandleAsync<TMessage>(TMessage message)
        where TMessage : class => Handling.HandleAsync(Services, message);

    public async Task<Account> CreateAccountAsync(decimal balance)
    {
        var account = new Account($"customer-{Guid.NewGuid():N}", balance, DateTimeOffset.UtcNow);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        db.Accounts.Add(account);
        await db.SaveChangesAsync();
        return account;
    }

    public async Task<decimal?> BalanceAsync(string customerId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        return await db.Accounts.Where(a => a.CustomerId == customerId).Select(a => (decimal?)a.Balance).SingleOrDefaultAsync();
    }

    public async Task<List<Payment>> PaymentsAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        return await db.Payments.AsNoTracking().Where(p => p.OrderId == orderId).ToListAsync();
    }

    /// <summary>What the service has queued for the order, decoded, in publishing order.</summary>
    public async Task<List<object>> PublishedAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        var registry = scope.ServiceProvider.GetRequiredService<MessageTypeRegistry>();
        var serializer = scope.ServiceProvider.GetRequiredService<MessageSerializer>();
        var rows = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Key == orderId.ToString())
            .OrderBy(m => m.Id)
            .ToListAsync();
        return rows.ConvertAll(row => registry.TryGetType(row.MessageType, out var type)
            ? serializer.Deserialize(Encoding.UTF8.GetBytes(row.Payload), type)
            : throw new InvalidOperationException($"unknown message type {row.MessageType}"));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _host?.Dispose();
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }

    private static IHost BuildHost(ShopAppHost infrastructure, string connectionString)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:paymentsdb"] = connectionString,
            ["ConnectionStrings:kafka"] = infrastructure.KafkaBootstrapServers,
        });
        builder.AddPaymentsServices();
        return builder.Build();
    }
}
