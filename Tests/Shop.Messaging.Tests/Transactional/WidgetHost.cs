using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Contracts;
using Shop.Messaging.Envelope;
using Shop.Messaging.Extensions;
using Shop.Messaging.Persistence;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>A host registered the way a service's Extensions.cs does it: database, Kafka, outbox, inbox consumer.</summary>
public static class WidgetHost
{
    /// <param name="fixture">The database and broker.</param>
    /// <param name="pollInterval">The outbox relay's backstop poll.</param>
    /// <param name="batching">Whether the inbox consumer may handle queued records together.</param>
    /// <param name="configure">Registrations after the standard ones (a later message handler replaces the standard one).</param>
    public static IHost Build(
        TransactionalMessagingFixture fixture, TimeSpan? pollInterval = null, Action<IServiceCollection>? configure = null, bool batching = true)
    {
        // A group of its own per host: a new member of an old group would wait for the broker to notice the
        // previous test's member is gone before it gets any partition.
        var consumerGroup = $"widgets-{Guid.NewGuid():N}";
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = fixture.BootstrapServers,
            ["Kafka:Partitions"] = KafkaBrokerFixture.Partitions.ToString(CultureInfo.InvariantCulture),
            // Long by default: the tests prove that a commit wakes the relay, not the backstop poll.
            ["Messaging:Outbox:PollInterval"] = (pollInterval ?? TimeSpan.FromMinutes(5)).ToString("c", CultureInfo.InvariantCulture),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.Services.AddDbContext<WidgetDbContext>((services, options) => options
            .UseNpgsql(fixture.ConnectionString)
            .AddInterceptors(services.GetServices<IInterceptor>()));
        var migrated = new DatabaseReadiness<WidgetDbContext>();
        migrated.MarkReady(); // the fixture created the schema
        builder.Services.AddSingleton(migrated);
        builder.Services.AddSingleton(new MessageTypeRegistry([.. MessageContracts.All, typeof(WidgetShipped)]));

        builder.AddKafkaMessaging(consumerGroup);
        builder.AddTransactionalMessaging<WidgetDbContext>();
        builder.Services.AddMessageHandler<WidgetShipped, WidgetShippedHandler>();
        builder.Services.AddInboxConsumer<WidgetDbContext>(consumerGroup, [WidgetTopics.Widgets], maxAttempts: 3, batching: batching);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
