using System.Text;
using Confluent.Kafka;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Shop.Messaging.Envelope;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;
using Shop.Orchestrator.Data;
using Shop.Orchestrator.Extensions;
using Shop.Orchestrator.Saga;
using Shop.Orchestrator.Tests.Saga;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>
/// The orchestrator's real registrations (<see cref="Extensions.Extensions.AddOrchestratorServices"/>) against
/// the test cluster, built but not started: no consumer loop, relay or sweeper runs on its own. The tests drive
/// the pieces directly, in scopes, as the consumer loop and the sweeper would.
/// </summary>
public sealed class OrchestratorTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private OrchestratorTestHost(IHost host, ManualTimeProvider time)
    {
        _host = host;
        Time = time;
    }

    public ManualTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>A host on a database of its own in <paramref name="cluster"/>, migrated.</summary>
    public static async Task<OrchestratorTestHost> CreateAsync(PostgresFixture cluster)
    {
        // Its own database: the sweeper scans every saga, and other tests' sagas must not be due under its clock.
        var database = $"orchestrator_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = database }.ConnectionString;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:orchestratordb"] = connectionString,
            // Never contacted: the host is not started.
            ["ConnectionStrings:kafka"] = "127.0.0.1:9",
            ["Saga:Deadlines:ReserveStock"] = "00:00:10",
            ["Saga:Deadlines:ChargePayment"] = "00:00:20",
            ["Saga:Deadlines:CommitStock"] = "00:00:40",
        });
        builder.AddOrchestratorServices();
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(time);
        // As strict as Development: every registration resolvable, no scoped service captured by a singleton.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var host = builder.Build();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>().Database.MigrateAsync();
        }

        return new OrchestratorTestHost(host, time);
    }

    /// <summary>Hands <paramref name="message"/> to the inbox consumer exactly as the Kafka loop does.</summary>
    public async Task ConsumeAsync<T>(T message, string key, Guid? messageId = null)
        where T : class
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InboxRecordHandler<OrchestratorDbContext>>()
            .HandleAsync(Record(message, key, messageId), CancellationToken.None);
    }

    /// <summary>Hands <paramref name="records"/> (see <see cref="Record"/>) to the inbox consumer as one batch, as the Kafka
    /// loop does with the records that queued up on a busy partition.</summary>
    public async Task ConsumeBatchAsync(params ConsumeResult<string, byte[]>[] records)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<InboxRecordHandler<OrchestratorDbContext>>()
            .HandleBatchAsync(records, CancellationToken.None);
    }

    /// <summary><paramref name="message"/> as the Kafka record the outbox relay would have produced.</summary>
    public ConsumeResult<string, byte[]> Record<T>(T message, string key, Guid? messageId = null)
        where T : class
    {
        var registry = Services.GetRequiredService<MessageTypeRegistry>();
        var serializer = Services.GetRequiredService<MessageSerializer>();
        return new ConsumeResult<string, byte[]>
        {
            Topic = registry.ContractOf(typeof(T)).Topic,
            Message = new Message<string, byte[]>
            {
                Key = key,
                Value = Encoding.UTF8.GetBytes(serializer.Serialize(message, typeof(T))),
                Headers = new Headers
                {
                    { MessageHeaders.MessageId, Encoding.UTF8.GetBytes((messageId ?? Guid.CreateVersion7()).ToString()) },
                    { MessageHeaders.MessageType, Encoding.UTF8.GetBytes(registry.ContractOf(typeof(T)).Name) },
                },
            },
        };
    }

    /// <summary>The outbox rows for one order, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.Key == orderId.ToString())
            .OrderBy(m => m.Id)
            .ToListAsync();
    }

    public async Task<OrderSagaState?> SagaAsync(Guid orderId)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        return await db.OrderSagas.AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == orderId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
