using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Shop.AppHost.Running;

/// <summary>
/// What <c>./shop run</c> shows on the console: each resource instance as it becomes healthy, then one warm-up order
/// through the saga, then <c>shop: ready</c>; and <c>Shop:StateFile</c> (LocalHost's <c>.shop/state.json</c> shape),
/// written once everything is ready and rewritten whenever a process changes, deleted when the AppHost stops.
/// </summary>
internal sealed class ShopRunReporter(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    IHttpClientFactory httpClients,
    IConfiguration configuration,
    IHostApplicationLifetime lifetime)
{
    public const string HttpClientName = "shop-warm-up";

    private static readonly string[] Infrastructure = ["postgres", "cache", "kafka"];

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new();
    private readonly HashSet<string> _reportedHealthy = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly string? _stateFile = configuration["Shop:StateFile"] is { Length: > 0 } path ? Path.GetFullPath(path) : null;
    private bool _ready;
    private string? _lastState;

    /// <summary>Starts watching before the application starts: hosted services of the AppHost's own start only after
    /// every resource has been created, which for resources that wait for others is after they are healthy.</summary>
    public void Start() => _ = Task.Run(async () =>
    {
        try
        {
            await WatchAsync(lifetime.ApplicationStopping);
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"shop: the console report stopped: {ex}");
        }
    });

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        if (_stateFile is not null)
        {
            lifetime.ApplicationStopping.Register(() =>
            {
                if (File.Exists(_stateFile))
                {
                    File.Delete(_stateFile);
                }
            });
        }

        var expected = model.Resources
            // What has a health check: the infrastructure, the databases, the services (not the dashboard, the
            // parameters or the hidden helpers Aspire adds, such as each project's rebuilder).
            .Where(resource => resource.Annotations.OfType<HealthCheckAnnotation>().Any())
            .ToDictionary(resource => resource.Name, resource => resource.Annotations.OfType<ReplicaAnnotation>().FirstOrDefault()?.Replicas ?? 1);
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                if (!expected.ContainsKey(change.Resource.Name))
                {
                    continue;
                }

                _latest[change.ResourceId] = change;
                if (change.Snapshot.HealthStatus == HealthStatus.Healthy && _reportedHealthy.Add(change.ResourceId))
                {
                    Console.WriteLine($"shop: {DisplayName(change),-22} healthy after {_clock.Elapsed.TotalSeconds:0.0} s");
                }

                if (!_ready && expected.All(entry => HealthyInstances(entry.Key) >= entry.Value))
                {
                    _ready = true;
                    Console.WriteLine($"shop: every resource is healthy after {_clock.Elapsed.TotalSeconds:0.0} s; placing a warm-up order");
                    _ = BecomeReadyAsync(stoppingToken);
                }
                else if (_ready)
                {
                    WriteState();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task BecomeReadyAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (configuration.GetValue("Shop:WarmUp", true))
            {
                await WarmUpOrder.RunAsync(httpClients.CreateClient(HttpClientName), ServiceUrl("orders"), ServiceUrl("inventory"),
                    ServiceUrl("payments"), TimeSpan.FromSeconds(120), stoppingToken);
            }

            WriteState();
            Console.WriteLine($"shop: ready after {_clock.Elapsed.TotalSeconds:0.0} s" + (_stateFile is null ? "" : $" (state: {_stateFile})"));
            foreach (var component in Components())
            {
                var address = component.Url ?? component.BootstrapServers ?? (component.Port is { } port ? $"127.0.0.1:{port}" : "");
                Console.WriteLine($"  {component.Name,-16} {component.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",-8} {address}");
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            Console.WriteLine($"shop: the warm-up order did not complete: {ex.Message}");
        }
    }

    private int HealthyInstances(string resourceName) => _latest.Values.Count(change =>
        change.Resource.Name == resourceName && change.Snapshot.HealthStatus == HealthStatus.Healthy
        && change.Snapshot.State?.Text is not ("Exited" or "Finished" or "FailedToStart"));

    private Uri ServiceUrl(string name) => Instances(name).Select(ResourceSnapshots.Url).OfType<Uri>().First();

    private IEnumerable<ResourceEvent> Instances(string name) =>
        _latest.Values.Where(change => change.Resource.Name == name).OrderBy(change => change.ResourceId, StringComparer.Ordinal);

    private static string DisplayName(ResourceEvent change) =>
        change.Resource.Annotations.OfType<ReplicaAnnotation>().FirstOrDefault()?.Replicas is > 1
            ? $"{change.Resource.Name} ({change.ResourceId})"
            : change.Resource.Name;

    private List<StateComponent> Components()
    {
        var components = new List<StateComponent>();
        foreach (var name in Infrastructure)
        {
            if (Instances(name).FirstOrDefault() is not { } change)
            {
                continue;
            }

            var endpoint = change.Resource.Annotations.OfType<EndpointAnnotation>().FirstOrDefault(e => e.UriScheme == "tcp");
            var port = endpoint?.AllocatedEndpoint?.Port;
            // LocalHost named the Redis component "redis"; scripts and shop-dlq read these names.
            components.Add(name switch
            {
                "cache" => new StateComponent("redis", ResourceSnapshots.Pid(change), Port: port),
                "kafka" => new StateComponent("kafka", ResourceSnapshots.Pid(change), Port: port) { BootstrapServers = $"127.0.0.1:{port}" },
                _ => new StateComponent(name, ResourceSnapshots.Pid(change), Port: port),
            });
        }

        foreach (var service in model.Resources.OfType<ProjectResource>())
        {
            var instances = Instances(service.Name).ToList();
            for (var index = 0; index < instances.Count; index++)
            {
                var name = instances.Count == 1 ? service.Name : $"{service.Name}-{index + 1}";
                // The service's own process, not its dotnet run: a script's kill or a CPU reading means the service.
                var launcher = ResourceSnapshots.Pid(instances[index]);
                int? pid = launcher is { } parent ? LaunchedProcess.ServiceOf(parent) ?? parent : null;
                components.Add(new StateComponent(name, pid, ResourceSnapshots.Url(instances[index])?.ToString().TrimEnd('/')));
            }
        }

        return components;
    }

    private void WriteState()
    {
        if (_stateFile is null || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        var document = new StateDocument(Environment.ProcessId, Components());
        var text = System.Text.Json.JsonSerializer.Serialize(document, StateDocument.JsonOptions);
        if (text != _lastState)
        {
            _lastState = text;
            document.WriteTo(_stateFile);
        }
    }
}
