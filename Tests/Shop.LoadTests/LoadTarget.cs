using Shop.LocalHost;
using Shop.LocalHost.State;

namespace Shop.LoadTests;

/// <summary>
/// The shop under load: the one <c>./shop run</c> started (read from its state file), or a LocalTopology this
/// process starts and stops. Gives each service's instance URLs and the PostgreSQL port behind them.
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);
    private readonly LocalTopology? _topology;

    private readonly Func<IReadOnlyList<(string Name, int Pid)>> _processes;

    private LoadTarget(IReadOnlyDictionary<string, IReadOnlyList<Uri>> services, int postgresPort, string description, LocalTopology? topology,
        Func<IReadOnlyList<(string Name, int Pid)>> processes)
    {
        Services = services;
        _processes = processes;
        PostgresPort = postgresPort;
        Description = description;
        _topology = topology;
    }

    /// <summary>Service name → the URLs of its instances (one, or <c>orders-1</c>, <c>orders-2</c>, ... with replicas).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Uri>> Services { get; }

    public int PostgresPort { get; }

    /// <summary>Where the system came from and how it was configured, for the report.</summary>
    public string Description { get; }

    /// <summary>The shop's processes now (pids change when a process is restarted): postgres, redis, <c>kafka</c>
    /// (LocalHost's process, where the mock cluster lives; with --start-localhost it lives in the generator's own
    /// process and is not listed) and every service instance, named by service.</summary>
    public IReadOnlyList<(string Name, int Pid)> Processes() => _processes();

    public int Replicas => Services.TryGetValue("orders", out var urls) ? urls.Count : 1;

    public static LoadTarget FromStateFile(string path)
    {
        var document = StateFile.TryRead(path)
            ?? throw new InvalidOperationException($"no running shop: {path} is missing or unreadable (start one with ./shop run, or pass --start-localhost)");
        var postgres = document.Components.FirstOrDefault(c => c.Name == "postgres")?.Port
            ?? throw new InvalidOperationException($"{path} lists no postgres");
        var services = ServicesFrom(document.Components.Where(c => c.Url is not null).Select(c => (c.Name, new Uri(c.Url!))));
        return new LoadTarget(services, postgres, $"./shop run (state file {Path.GetFullPath(path)}), its own configuration", topology: null,
            () => [.. (StateFile.TryRead(path)?.Components ?? document.Components).Select(c => (ServiceOf(c.Name), c.Pid))]);
    }

    public static async Task<LoadTarget> StartLocalHostAsync(LoadOptions options, string logDirectory, Action<string> notes)
    {
        // The Redis rate limiter on POST /api/orders (50/s per customer, 1000/s per client address by default)
        // would measure the limiter, not the saga: all load comes from this one address. Customers are spread wide.
        var orders = new Dictionary<string, string>
        {
            ["RateLimiting__PerClientAddress__PermitsPerSecond"] = "1000000",
            ["RateLimiting__PerClientAddress__Burst"] = "1000000",
        };
        var topologyOptions = new LocalTopologyOptions
        {
            Replicas = options.Replicas,
            KafkaPartitions = options.Partitions,
            // Measure what is deployed: Development adds DI scope validation on every scope and the developer exception page.
            EnvironmentName = "Production",
            StateFilePath = null,
            LogDirectory = logDirectory,
            Notes = notes,
            ServiceEnvironment = ServiceEnvironment(orders),
        };
        using var deadline = new CancellationTokenSource(StartupTimeout);
        var topology = await LocalTopology.StartAsync(topologyOptions, deadline.Token);
        try
        {
            await topology.WaitForHealthyAsync(StartupTimeout, deadline.Token);
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }

        var services = ServicesFrom(topology.ServiceInstances.Select(name => (name, topology.ServiceUrl(name))));
        return new LoadTarget(services, topology.Postgres.Port,
            $"LocalTopology started by the generator: {options.Replicas} replica(s) per service, {options.Partitions} partitions, " +
            "orders' per-client-address rate limit raised to 1,000,000/s (per-customer limit left at its default)", topology,
            () => [.. topology.Components.Where(c => c.Name != "kafka").Select(c => (ServiceOf(c.Name), c.Pid))]);
    }

    /// <summary>
    /// What the generator's LocalTopology sets per service beyond LocalHost's defaults. LocalHost turns tiered PGO off
    /// (it costs CPU while the services warm up, which is most of a test's or a dev loop's life); the generator measures
    /// the steady state after its warm-up, where PGO's code pays that back: closed c=16 on two cores took 41 ms of the
    /// shop's CPU per saga with it and 51 ms without. An exported <c>DOTNET_TieredPGO</c> still wins.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment(Dictionary<string, string> orders)
    {
        var runtime = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") is null
            ? new Dictionary<string, string> { ["DOTNET_TieredPGO"] = "1" }
            : [];
        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var service in ShopServices.Names)
        {
            environment[service] = service == ShopServices.Orders.Name ? new Dictionary<string, string>(orders.Concat(runtime)) : runtime;
        }

        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    private static Dictionary<string, IReadOnlyList<Uri>> ServicesFrom(IEnumerable<(string Name, Uri Url)> instances) =>
        instances
            .GroupBy(instance => ServiceOf(instance.Name))
            .ToDictionary(group => group.Key, group => (IReadOnlyList<Uri>)[.. group.Select(instance => instance.Url)]);

    /// <summary><c>orders-2</c> → <c>orders</c>; other names stay as they are.</summary>
    private static string ServiceOf(string instance) =>
        ShopServices.Names.FirstOrDefault(service => instance == service || instance.StartsWith(service + "-", StringComparison.Ordinal)) ?? instance;
}
