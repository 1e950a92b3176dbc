using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Shop.AppHost.Running;

namespace Shop.AppHost.Testing;

/// <summary>
/// The shop's AppHost (AppHost/Shop.AppHost) started in this process through Aspire.Hosting.Testing, healthy once
/// <see cref="StartAsync"/> returns, and what the tests, the soak and the load generator do to it that the dashboard
/// cannot: find each replica and its process, kill it, start it again through the resource commands, restart
/// PostgreSQL in place, and inject broker faults. Every replica's latest snapshot is kept as it changes.
/// </summary>
public sealed class ShopAppHost : IAsyncDisposable
{
    /// <summary>The services, by resource name.</summary>
    public static readonly IReadOnlyList<string> Services = ["inventory", "payments", "orchestrator", "orders"];

    /// <summary>The databases, by resource name (each the database of the same name on <c>postgres</c>).</summary>
    public static readonly IReadOnlyList<string> Databases = ["ordersdb", "inventorydb", "paymentsdb", "orchestratordb"];

    /// <summary>The infrastructure alone: what <see cref="StartInfrastructureAsync"/> runs.</summary>
    public static readonly IReadOnlyList<string> InfrastructureResources = ["postgres", .. Databases, "cache", "kafka"];

    /// <summary>Every resource with a health check: the infrastructure, the databases, the services.</summary>
    public static readonly IReadOnlyList<string> HealthCheckedResources = [.. InfrastructureResources, .. Services];

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Dictionary<string, string> _connectionStrings = [];
    private Task _watching = Task.CompletedTask;
    private BrokerAdminClient? _broker;

    private readonly IReadOnlyList<string> _healthChecked;

    private ShopAppHost(DistributedApplication app, IResourceCollection resources, ShopAppHostOptions options, bool withServices)
    {
        App = app;
        Resources = resources;
        Options = options;
        _healthChecked = withServices ? HealthCheckedResources : InfrastructureResources;
    }

    public DistributedApplication App { get; }

    /// <summary>The AppHost's resources, for the commands that take an <see cref="IResource"/>.</summary>
    public IResourceCollection Resources { get; }

    public ShopAppHostOptions Options { get; }

    /// <summary>True when the AppHost chose executables from local binaries (no container runtime answers).</summary>
    public bool RunsLocalInfrastructure => Resources.Single(resource => resource.Name == "kafka") is not ContainerResource;

    /// <summary>Connection strings by resource name: <c>postgres</c>, the databases, <c>cache</c>, <c>kafka</c>.</summary>
    public IReadOnlyDictionary<string, string> ConnectionStrings => _connectionStrings;

    public string KafkaBootstrapServers => _connectionStrings["kafka"];

    /// <summary>The PostgreSQL server's connection string for <paramref name="database"/> (one a test created, say).</summary>
    public string PostgresConnectionString(string database) =>
        new DbConnectionStringBuilder { ConnectionString = _connectionStrings["postgres"], ["Database"] = database }.ConnectionString;

    /// <summary>The local broker's fault injection; a broker in a container has none.</summary>
    public BrokerAdminClient Broker => _broker ?? throw new InvalidOperationException(
        "the broker has no admin endpoint: fault injection needs the local broker (Shop:Infrastructure=local)");

    /// <summary>The whole shop: the infrastructure and every service, healthy.</summary>
    public static Task<ShopAppHost> StartAsync(ShopAppHostOptions options, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, withServices: true, cancellationToken);

    /// <summary>
    /// The AppHost's infrastructure without the services (PostgreSQL with the four databases, Redis, the broker),
    /// healthy: for the services' own integration tests, which host the service in the test process.
    /// </summary>
    public static Task<ShopAppHost> StartInfrastructureAsync(ShopAppHostOptions options, CancellationToken cancellationToken = default) =>
        StartCoreAsync(options, withServices: false, cancellationToken);

    private static async Task<ShopAppHost> StartCoreAsync(ShopAppHostOptions options, bool withServices, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.StartupTimeout);
        // Arguments reach the AppHost's configuration; Parameters:{name} is where its parameters read their values.
        string[] arguments =
        [
            $"--Shop:Replicas={options.Replicas.ToString(CultureInfo.InvariantCulture)}",
            $"--Parameters:kafka-partitions={options.KafkaPartitions.ToString(CultureInfo.InvariantCulture)}",
            $"--Shop:WarmUp={options.WarmUp}",
            .. options.StateFilePath is { } stateFile ? [$"--Shop:StateFile={stateFile}"] : Array.Empty<string>(),
            .. options.Parameters.Select(parameter => $"--Parameters:{parameter.Key}={parameter.Value}"),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(arguments, deadline.Token);
        if (!withServices)
        {
            foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
            {
                builder.Resources.Remove(project);
            }
        }

        WithBrokerSettings(builder, options);
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var extra = options.ServiceEnvironment.GetValueOrDefault(project.Name) ?? new Dictionary<string, string>();
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                // Aspire.Hosting.Testing runs no dashboard, yet points every service's OTLP exporter at it. Exports
                // to nothing cost CPU each second, and a service's flush on stop then waits out the exporter's
                // timeout, longer than DCP waits for a stopped process. No endpoint, no exporter (the telemetry
                // pipelines are tested on their own, in Shop.Tracing.Tests).
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                foreach (var (name, value) in extra)
                {
                    context.EnvironmentVariables[name] = value;
                }

                return Task.CompletedTask;
            }));
        }

        var app = await builder.BuildAsync(deadline.Token);
        var host = new ShopAppHost(app, builder.Resources, options, withServices);
        try
        {
            host._watching = host.WatchAsync(host._stopWatching.Token);
            await app.StartAsync(deadline.Token);
            await host.WaitForHealthyAsync(deadline.Token);
            await host.ReadConnectionStringsAsync(deadline.Token);
            if (host.RunsLocalInfrastructure)
            {
                host._broker = new BrokerAdminClient(new HttpClient { BaseAddress = app.GetEndpoint("kafka", "admin"), Timeout = TimeSpan.FromSeconds(30) });
            }

            return host;
        }
        catch
        {
            // The processes of an app that never became healthy go at once; the start-up failure is what is reported.
            await host.DisposeAsync();
            throw;
        }
    }

    // The local broker's cluster size and a test's own topics; a broker in a container has its own settings.
    private static void WithBrokerSettings(IDistributedApplicationTestingBuilder builder, ShopAppHostOptions options)
    {
        if (builder.Resources.Single(resource => resource.Name == "kafka") is not ExecutableResource broker)
        {
            return;
        }

        broker.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
        {
            context.EnvironmentVariables["Broker__Brokers"] = options.KafkaBrokers.ToString(CultureInfo.InvariantCulture);
            for (var index = 0; index < options.ExtraKafkaTopics.Count; index++)
            {
                context.EnvironmentVariables[$"Broker__ExtraTopics__{index.ToString(CultureInfo.InvariantCulture)}"] = options.ExtraKafkaTopics[index];
            }

            return Task.CompletedTask;
        }));
    }

    /// <summary>The replicas of <paramref name="service"/>, in a stable order (by replica name).</summary>
    public IReadOnlyList<ServiceInstance> Instances(string service) =>
        [.. _latest.Values
            .Where(change => change.Resource.Name == service)
            .OrderBy(change => change.ResourceId, StringComparer.Ordinal)
            .Select(change => new ServiceInstance(change.ResourceId, service, ResourceSnapshots.Url(change), ResourceSnapshots.Pid(change), change.Snapshot.State?.Text))];

    /// <summary>Every service's replicas.</summary>
    public IReadOnlyList<ServiceInstance> ServiceInstances() => [.. Services.SelectMany(Instances)];

    /// <summary>The pid of the service process itself (the child of the launcher), while it runs.</summary>
    public int? ServiceProcessId(string resourceId) =>
        Latest(resourceId) is { } change && ResourceSnapshots.Pid(change) is { } launcher ? LaunchedProcess.ServiceOf(launcher) : null;

    /// <summary>The pid the AppHost reports for an infrastructure resource (postgres, cache, kafka): the process itself.</summary>
    public int? ResourceProcessId(string resourceName) =>
        _latest.Values.Where(change => change.Resource.Name == resourceName).Select(ResourceSnapshots.Pid).FirstOrDefault();

    /// <summary>
    /// kill -9 of the replica's service process, as a crash would end it; the AppHost sees its launcher exit and
    /// does not start it again by itself (<see cref="StartInstanceAsync"/> does). Returns the killed pid.
    /// </summary>
    public int Kill(string resourceId)
    {
        var pid = ServiceProcessId(resourceId) ?? throw new InvalidOperationException($"{resourceId} has no running process");
        if (!UnixSignals.Signal(pid, UnixSignals.SigKill))
        {
            throw new InvalidOperationException($"{resourceId}'s process {pid} was gone before the kill");
        }

        return pid;
    }

    /// <summary>Once the replica has stopped (killed, exited), starts it with the resource's Start command and waits
    /// until it is healthy again.</summary>
    public async Task StartInstanceAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.CommandTimeout);
        await WaitUntilAsync(() => Latest(resourceId) is { } change && IsTerminal(change), deadline.Token);
        await ExecuteAsync(resourceId, KnownResourceCommands.StartCommand, deadline.Token);
        await WaitUntilAsync(() => Latest(resourceId) is { } change && IsHealthy(change), deadline.Token);
    }

    /// <summary>The dashboard's Stop on a service (every replica); returns once they are gone.</summary>
    public async Task StopServiceAsync(string service, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.CommandTimeout);
        // The IResource overload runs the command on every replica of the resource.
        await ExecuteAsync(Resources.Single(resource => resource.Name == service), KnownResourceCommands.StopCommand, deadline.Token);
        await WaitUntilAsync(() => Instances(service).All(instance => Latest(instance.ResourceId) is { } change && IsTerminal(change)), deadline.Token);
    }

    /// <summary>The dashboard's Start on a service (every replica); returns once they are healthy.</summary>
    public async Task StartServiceAsync(string service, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.CommandTimeout);
        await ExecuteAsync(Resources.Single(resource => resource.Name == service), KnownResourceCommands.StartCommand, deadline.Token);
        await WaitUntilAsync(() => HealthyInstances(service) >= Options.Replicas, deadline.Token);
    }

    /// <summary>
    /// Stops the PostgreSQL server with a signal (<paramref name="mode"/>), then starts it again on the same data
    /// directory with the resource's Start command, and waits until it and every database is healthy.
    /// </summary>
    public async Task RestartPostgresAsync(PostgresShutdownMode mode, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.CommandTimeout);
        var postgres = _latest.Values.Single(change => change.Resource.Name == "postgres").ResourceId;
        var pid = ResourceProcessId("postgres") ?? throw new InvalidOperationException("postgres has no process");
        UnixSignals.Signal(pid, mode == PostgresShutdownMode.Immediate ? UnixSignals.SigQuit : UnixSignals.SigInt);
        await WaitUntilAsync(() => Latest(postgres) is { } change && IsTerminal(change), deadline.Token);
        await ExecuteAsync(postgres, KnownResourceCommands.StartCommand, deadline.Token);
        await WaitUntilAsync(() => Latest(postgres) is { } change && IsHealthy(change) && ResourceSnapshots.Pid(change) != pid
            && Databases.All(database => HealthyInstances(database) >= 1), deadline.Token);
    }

    /// <summary>Returns once every resource has all its replicas healthy (after a test that took one down or a fault).</summary>
    public async Task WaitForHealthyAsync(CancellationToken cancellationToken = default) =>
        await WaitUntilAsync(() => _healthChecked.All(resource =>
            HealthyInstances(resource) >= (Services.Contains(resource) ? Options.Replicas : 1)), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _broker?.Dispose();
        await App.DisposeAsync();
        await _stopWatching.CancelAsync();
        await _watching;
        _stopWatching.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(cancellationToken))
            {
                _latest[change.ResourceId] = change;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ReadConnectionStringsAsync(CancellationToken cancellationToken)
    {
        foreach (var name in InfrastructureResources)
        {
            _connectionStrings[name] = await App.GetConnectionStringAsync(name, cancellationToken)
                ?? throw new InvalidOperationException($"{name} has no connection string");
        }
    }

    private async Task ExecuteAsync(string resourceId, string command, CancellationToken cancellationToken) =>
        Check(await App.ResourceCommands.ExecuteCommandAsync(resourceId, command, cancellationToken), command, resourceId);

    private async Task ExecuteAsync(IResource resource, string command, CancellationToken cancellationToken) =>
        Check(await App.ResourceCommands.ExecuteCommandAsync(resource, command, cancellationToken), command, resource.Name);

    // Only Success is read: the property carrying the reason was renamed between Aspire releases (ErrorMessage, then
    // Message), and the resource's own log says more anyway.
    private static void Check(ExecuteCommandResult result, string command, string target)
    {
        if (!result.Success)
        {
            throw new InvalidOperationException($"'{command}' on '{target}' failed; see the resource's log.");
        }
    }

    private ResourceEvent? Latest(string resourceId) => _latest.GetValueOrDefault(resourceId);

    private int HealthyInstances(string resourceName) =>
        _latest.Values.Count(change => change.Resource.Name == resourceName && IsHealthy(change));

    private static bool IsHealthy(ResourceEvent change) =>
        change.Snapshot.HealthStatus == HealthStatus.Healthy && !IsTerminal(change) && change.Snapshot.State?.Text != KnownResourceStates.Stopping;

    private static bool IsTerminal(ResourceEvent change) =>
        change.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state);

    // Conditions on the snapshots, which change as notifications arrive: checked often, bounded by the caller's deadline.
    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }
}
