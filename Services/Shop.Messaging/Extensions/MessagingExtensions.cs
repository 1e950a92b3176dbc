using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shop.Messaging.Diagnostics;
using Shop.Messaging.Kafka;

namespace Shop.Messaging.Extensions;

public static class MessagingExtensions
{
    /// <summary>
    /// Kafka for a service: options from <c>Kafka</c> and <c>ConnectionStrings:kafka</c>, topic provisioning
    /// at start-up, the shared producer, the <c>kafka</c> and <c>kafka-consumers</c> health checks, and the diagnostics ping
    /// consumer.
    /// </summary>
    public static TBuilder AddKafkaMessaging<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        var bootstrap = builder.Configuration.GetConnectionString(KafkaOptions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(bootstrap))
        {
            throw new InvalidOperationException(
                "Connection string 'kafka' is missing: set ConnectionStrings:kafka (environment variable ConnectionStrings__kafka) " +
                "to the broker's bootstrap servers.");
        }

        builder.Services.AddOptions<KafkaOptions>()
            .Bind(builder.Configuration.GetSection(KafkaOptions.SectionName))
            .Configure(options => options.BootstrapServers = bootstrap)
            .Validate(options => options.Partitions > 0, "Kafka:Partitions must be positive")
            .Validate(options => options.MaxBatchSize > 0, "Kafka:MaxBatchSize must be positive")
            .ValidateOnStart();
        builder.Services.AddOptions<DiagnosticsOptions>().Bind(builder.Configuration.GetSection(DiagnosticsOptions.SectionName));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(MessagingIdentity.ForService(serviceName));
        builder.Services.AddSingleton<KafkaClientFactory>();
        builder.Services.AddSingleton<KafkaTopicsReadiness>();
        builder.Services.AddSingleton<KafkaProducer>();
        builder.Services.AddHostedService<KafkaTopicProvisioner>();
        // One instance for the process: it owns a librdkafka admin client, which AddCheck<T> would create
        // anew (and never dispose) on every probe.
        builder.Services.AddSingleton<KafkaHealthCheck>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "kafka", sp => sp.GetRequiredService<KafkaHealthCheck>(), failureStatus: null, tags: ["ready"]));

        builder.Services.AddSingleton<KafkaConsumerAssignments>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            "kafka-consumers", sp => sp.GetRequiredService<KafkaConsumerAssignments>(), failureStatus: null, tags: ["ready"]));

        builder.Services.AddSingleton<ReceivedPings>();
        builder.Services.AddKafkaConsumer<MessagingPingHandler>($"{serviceName}.diagnostics", [Topics.Diagnostics], onOrderPath: false);
        return builder;
    }

    /// <summary>Adds a consumer loop for <typeparamref name="THandler"/> in consumer group <paramref name="groupId"/>
    /// (<paramref name="batching"/>: see <see cref="KafkaSubscription.Batching"/>; <paramref name="onOrderPath"/>: see
    /// <see cref="KafkaSubscription.OnOrderPath"/>).</summary>
    public static IServiceCollection AddKafkaConsumer<THandler>(
        this IServiceCollection services, string groupId, IReadOnlyList<string> topics, int maxAttempts = 5, bool batching = true,
        bool onOrderPath = true)
        where THandler : class, IKafkaRecordHandler
    {
        services.AddScoped<THandler>();
        var subscription = new KafkaSubscription(groupId, topics, typeof(THandler))
        {
            MaxAttempts = maxAttempts, Batching = batching, OnOrderPath = onOrderPath,
        };
        // Not AddHostedService: it de-duplicates by type, and a service runs several consumer loops.
        services.AddSingleton<IHostedService>(sp => new KafkaConsumerService(
            subscription,
            sp.GetRequiredService<KafkaClientFactory>(),
            sp.GetRequiredService<KafkaTopicsReadiness>(),
            sp.GetRequiredService<KafkaConsumerAssignments>(),
            sp.GetRequiredService<KafkaProducer>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<KafkaOptions>>(),
            sp.GetRequiredService<ILogger<KafkaConsumerService>>()));
        return services;
    }
}
