using Confluent.Kafka;
using Shop.KafkaBroker;
using Shop.LocalHost;
using Shop.LocalHost.Infrastructure;

namespace Shop.Chaos;

/// <summary>
/// Injects faults one after another at seeded random moments: first one of each kind (a kill of every service,
/// a PostgreSQL restart, failing produce and fetch requests, a broker down) in a seeded order, then random ones
/// until the run's duration is over. Leaves Kafka healthy when it ends, whatever happened.
/// </summary>
public sealed class FaultInjector(LocalTopology topology, ChaosOptions options, Action<string> log)
{
    // Retriable errors a real broker answers during a leader election or a replica falling behind.
    private static readonly ErrorCode[] ProduceErrors = [ErrorCode.NotEnoughReplicas, ErrorCode.LeaderNotAvailable, ErrorCode.NotLeaderForPartition];
    private static readonly ErrorCode[] FetchErrors = [ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable];

    private readonly Random _random = new(unchecked(options.Seed * 31 + 17));
    private readonly Dictionary<FaultKind, int> _counts = Enum.GetValues<FaultKind>().ToDictionary(kind => kind, _ => 0);

    public IReadOnlyDictionary<FaultKind, int> Counts => _counts;

    /// <summary>Runs until <paramref name="until"/> has passed and every kind has happened once, or until cancelled.</summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var services = topology.Options.Services;
        var firstOfEach = new Queue<(FaultKind Kind, string? Service)>(services
            .Select(service => (FaultKind.KillService, (string?)service))
            .Append((FaultKind.RestartPostgres, null))
            .Append((FaultKind.FailKafkaProduce, null))
            .Append((FaultKind.FailKafkaFetch, null))
            .Append((FaultKind.KafkaBrokerDown, null))
            .OrderBy(_ => _random.Next()));
        var lastPostgresRestart = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested && (firstOfEach.Count > 0 || DateTimeOffset.UtcNow < until))
            {
                await Task.Delay(Between(options.MinFaultGap, options.MaxFaultGap), cancellationToken);
                var (kind, service) = firstOfEach.Count > 0 ? firstOfEach.Dequeue() : (NextKind(ref lastPostgresRestart), null);
                await InjectAsync(kind, service ?? services[_random.Next(services.Count)], cancellationToken);
                _counts[kind]++;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            HealKafka();
        }
    }

    private FaultKind NextKind(ref DateTimeOffset lastPostgresRestart)
    {
        if (options.PostgresRestartInterval is { } interval && DateTimeOffset.UtcNow - lastPostgresRestart >= interval)
        {
            lastPostgresRestart = DateTimeOffset.UtcNow;
            return FaultKind.RestartPostgres;
        }

        return _random.Next(100) switch
        {
            < 55 => FaultKind.KillService,
            < 70 => FaultKind.FailKafkaProduce,
            < 85 => FaultKind.FailKafkaFetch,
            _ => FaultKind.KafkaBrokerDown,
        };
    }

    private async Task InjectAsync(FaultKind kind, string service, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case FaultKind.KillService:
                await KillAsync(service, cancellationToken);
                break;
            case FaultKind.RestartPostgres:
                var mode = _random.Next(2) == 0 ? PostgresShutdownMode.Immediate : PostgresShutdownMode.Fast;
                log($"fault: restart postgres ({mode} shutdown)");
                await topology.Postgres.RestartAsync(mode, TimeSpan.FromSeconds(60), cancellationToken);
                break;
            case FaultKind.FailKafkaProduce:
                await FailRequestsAsync(KafkaApiKey.Produce, ProduceErrors, cancellationToken);
                break;
            case FaultKind.FailKafkaFetch:
                await FailRequestsAsync(KafkaApiKey.Fetch, FetchErrors, cancellationToken);
                break;
            case FaultKind.KafkaBrokerDown:
                var broker = _random.Next(1, topology.Kafka.BrokerCount + 1);
                var length = Between(TimeSpan.FromSeconds(1), options.MaxKafkaFaultLength);
                log($"fault: kafka broker {broker} down for {length.TotalSeconds:0.0} s");
                topology.Kafka.SetBrokerDown(broker);
                try
                {
                    await Task.Delay(length, cancellationToken);
                }
                finally
                {
                    topology.Kafka.SetBrokerUp(broker);
                }

                break;
        }
    }

    private async Task KillAsync(string service, CancellationToken cancellationToken)
    {
        var instances = topology.ServiceInstances
            .Where(name => name == service || name.StartsWith(service + "-", StringComparison.Ordinal))
            .ToList();
        var instance = instances[_random.Next(instances.Count)];
        // An instance killed a moment ago may still be restarting; then it is killed as soon as it is back.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var pid = await topology.KillAsync(instance, cancellationToken);
                log($"fault: kill -9 {instance} (pid {pid})");
                return;
            }
            catch (InvalidOperationException) when (attempt < 50)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private async Task FailRequestsAsync(KafkaApiKey api, ErrorCode[] codes, CancellationToken cancellationToken)
    {
        var length = Between(TimeSpan.FromSeconds(1), options.MaxKafkaFaultLength);
        log($"fault: kafka {api} requests fail for {length.TotalSeconds:0.0} s");
        // Each pushed error answers one request; far more than can be used up, and cleared when the time is over.
        topology.Kafka.PushRequestErrors(api, [.. Enumerable.Range(0, 100_000).Select(i => codes[i % codes.Length])]);
        try
        {
            await Task.Delay(length, cancellationToken);
        }
        finally
        {
            topology.Kafka.ClearRequestErrors(api);
        }
    }

    private void HealKafka()
    {
        topology.Kafka.ClearRequestErrors(KafkaApiKey.Produce);
        topology.Kafka.ClearRequestErrors(KafkaApiKey.Fetch);
        for (var broker = 1; broker <= topology.Kafka.BrokerCount; broker++)
        {
            topology.Kafka.SetBrokerUp(broker);
        }
    }

    private TimeSpan Between(TimeSpan min, TimeSpan max) =>
        min + TimeSpan.FromMilliseconds(_random.NextDouble() * Math.Max(0, (max - min).TotalMilliseconds));
}
