using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shop.Messaging.Hosting;

namespace Shop.Messaging.Kafka;

/// <summary>Makes sure every topic exists at start-up, retrying with backoff while the broker is away,
/// so a service started before Kafka becomes healthy later instead of crash-looping.</summary>
public sealed partial class KafkaTopicProvisioner(
    KafkaClientFactory clients,
    KafkaTopicsReadiness readiness,
    ILogger<KafkaTopicProvisioner> logger) : BackgroundService
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = RetryBackoff.Default();
        using var admin = clients.CreateAdminClient();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureTopicsAsync(admin, stoppingToken);
                readiness.MarkReady();
                LogTopicsReady(Topics.All.Count);
                return;
            }
            catch (Exception ex) when (ex is KafkaException or CreateTopicsException or TimeoutException)
            {
                readiness.MarkFailed(ex.Message);
                var delay = backoff.Next();
                LogTopicsNotReady(ex.Message, delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task EnsureTopicsAsync(IAdminClient admin, CancellationToken cancellationToken)
    {
        // GetMetadata blocks on the broker; keep it off the host's start-up path.
        var metadata = await Task.Run(() => admin.GetMetadata(MetadataTimeout), cancellationToken);
        var existing = metadata.Topics
            .Where(t => t.Error.Code == ErrorCode.NoError)
            .Select(t => t.Topic)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Topics.All.Where(t => !existing.Contains(t)).ToList();
        if (missing.Count == 0)
        {
            return;
        }

        var options = clients.Options;
        try
        {
            await admin.CreateTopicsAsync(missing.Select(name => new TopicSpecification
            {
                Name = name,
                NumPartitions = options.Partitions,
                ReplicationFactor = options.ReplicationFactor,
            }));
            LogTopicsCreated(string.Join(", ", missing), options.Partitions);
        }
        catch (CreateTopicsException ex) when (ex.Results.All(r =>
            r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
            // Another replica or service created them first: the goal is reached.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kafka topics ready ({Count} topics)")]
    private partial void LogTopicsReady(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Kafka topics {Topics} with {Partitions} partitions")]
    private partial void LogTopicsCreated(string topics, int partitions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka topics not ready: {Error}; retrying in {DelaySeconds:0.0} s")]
    private partial void LogTopicsNotReady(string error, double delaySeconds);
}
