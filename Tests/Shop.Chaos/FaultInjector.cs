using Confluent.Kafka;
using Shop.AppHost.Testing;

namespace Shop.Chaos;

/// <summary>
/// Injects faults one after another at seeded random moments: first one of each kind (a kill of every service,
/// a PostgreSQL restart, failing produce and fetch requests, a broker down) in a seeded order, then random ones
/// until the run's duration is over. A killed replica is started again through the resource's Start command once the
/// AppHost sees it down, as an orchestrator replaces a crashed container. Leaves Kafka healthy and every replica
/// started again when it ends, whatever happened.
/// </summary>
public sealed class FaultInjector(ShopAppHost shop, ChaosOptions options, Action<string> log)
{
    // The broker's Kafka API names, as its admin endpoint takes them.
    private const string ProduceApi = "Produce";
    private const string FetchApi = "Fetch";

    // Retriable errors a real broker answers during a leader election or a replica falling behind.
    private static readonly ErrorCode[] ProduceErrors = [ErrorCode.NotEnoughReplicas, ErrorCode.LeaderNotAvailable, ErrorCode.NotLeaderForPartition];
    private static readonly ErrorCode[] FetchErrors = [ErrorCode.NotLeaderForPartition, ErrorCode.LeaderNotAvailable];

    private readonly Random _random = new(unchecked(options.Seed * 31 + 17));
    private readonly Dictionary<FaultKind, int> _counts = Enum.GetValues<FaultKind>().ToDictionary(kind => kind, _ => 0);
    private readonly List<Task> _restarts = [];
    private int _brokers;

    public IReadOnlyDictionary<FaultKind, int> Counts => _counts;

    /// <summary>Runs until <paramref name="until"/> has passed and every kind has happened once, or until cancelled.</summary>
    public async Task RunAsync(DateTimeOffset until, CancellationToken cancellationToken)
    {
        var services = ShopAppHost.Services;
        _brokers = (await shop.Broker.ClusterAsync(cancellationToken)).Brokers.Count;
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
            await HealKafkaAsync();
            await Task.WhenAll(_restarts);
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
                await shop.RestartPostgresAsync(mode, cancellationToken);
                break;
            case FaultKind.FailKafkaProduce:
                await FailRequestsAsync(ProduceApi, ProduceErrors, cancellationToken);
                break;
            case FaultKind.FailKafkaFetch:
                await FailRequestsAsync(FetchApi, FetchErrors, cancellationToken);
                break;
            case FaultKind.KafkaBrokerDown:
                var broker = _random.Next(1, _brokers + 1);
                var length = Between(TimeSpan.FromSeconds(1), options.MaxKafkaFaultLength);
                log($"fault: kafka broker {broker} down for {length.TotalSeconds:0.0} s");
                await shop.Broker.SetBrokerDownAsync(broker, cancellationToken);
                try
                {
                    await Task.Delay(length, cancellationToken);
                }
                finally
                {
                    await shop.Broker.SetBrokerUpAsync(broker, CancellationToken.None);
                }

                break;
        }
    }

    private async Task KillAsync(string service, CancellationToken cancellationToken)
    {
        var instances = shop.Instances(service);
        var instance = instances[_random.Next(instances.Count)].ResourceId;
        // A replica killed a moment ago may still be starting again; then it is killed as soon as it runs.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var pid = shop.Kill(instance);
                log($"fault: kill -9 {instance} (pid {pid})");
                _restarts.Add(StartAgainAsync(instance));
                return;
            }
            catch (InvalidOperationException) when (attempt < 100)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    private async Task StartAgainAsync(string instance)
    {
        await shop.StartInstanceAsync(instance);
        log($"restart: {instance} healthy again");
    }

    private async Task FailRequestsAsync(string api, ErrorCode[] codes, CancellationToken cancellationToken)
    {
        var length = Between(TimeSpan.FromSeconds(1), options.MaxKafkaFaultLength);
        log($"fault: kafka {api} requests fail for {length.TotalSeconds:0.0} s");
        // Each pushed error answers one request; far more than can be used up, and cleared when the time is over.
        await shop.Broker.PushRequestErrorsAsync(api, codes, repeat: 100_000 / codes.Length, cancellationToken);
        try
        {
            await Task.Delay(length, cancellationToken);
        }
        finally
        {
            await shop.Broker.ClearRequestErrorsAsync(api, CancellationToken.None);
        }
    }

    private async Task HealKafkaAsync()
    {
        await shop.Broker.ClearRequestErrorsAsync(ProduceApi);
        await shop.Broker.ClearRequestErrorsAsync(FetchApi);
        for (var broker = 1; broker <= _brokers; broker++)
        {
            await shop.Broker.SetBrokerUpAsync(broker);
        }
    }

    private TimeSpan Between(TimeSpan min, TimeSpan max) =>
        min + TimeSpan.FromMilliseconds(_random.NextDouble() * Math.Max(0, (max - min).TotalMilliseconds));
}
