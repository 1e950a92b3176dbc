using System.Text.Json;
using Npgsql;
using Shop.AppHost.Running;
using Shop.AppHost.Testing;

namespace Shop.LoadTests;

/// <summary>
/// The shop under load: the one <c>./shop run</c> started (read from its state file), or an AppHost this process
/// starts and stops (<see cref="ShopAppHost"/>). Gives each service's instance URLs and the PostgreSQL port behind them.
/// </summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);
    private readonly ShopAppHost? _appHost;

    private readonly Func<IReadOnlyList<(string Name, int Pid)>> _processes;

    private LoadTarget(IReadOnlyDictionary<string, IReadOnlyList<Uri>> services, int postgresPort, string description, ShopAppHost? appHost,
        Func<IReadOnlyList<(string Name, int Pid)>> processes)
    {
        Services = services;
        _processes = processes;
        PostgresPort = postgresPort;
        Description = description;
        _appHost = appHost;
    }

    /// <summary>Service name → the URLs of its instances (one, or <c>orders-1</c>, <c>orders-2</c>, ... with replicas).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Uri>> Services { get; }

    public int PostgresPort { get; }

    /// <summary>Where the system came from and how it was configured, for the report.</summary>
    public string Description { get; }

    /// <summary>The shop's processes now (pids change when a process is restarted): postgres, redis, <c>kafka</c>
    /// (the local broker's process) and every service instance's own process, named by service.</summary>
    public IReadOnlyList<(string Name, int Pid)> Processes() => _processes();

    public int Replicas => Services.TryGetValue("orders", out var urls) ? urls.Count : 1;

    public static LoadTarget FromStateFile(string path)
    {
        var document = ReadState(path)
            ?? throw new InvalidOperationException($"no running shop: {path} is missing or unreadable (start one with ./shop run, or pass --start-apphost)");
        var postgres = document.Components.FirstOrDefault(c => c.Name == "postgres")?.Port
            ?? throw new InvalidOperationException($"{path} lists no postgres");
        var services = ServicesFrom(document.Components.Where(c => c.Url is not null).Select(c => (c.Name, new Uri(c.Url!))));
        return new LoadTarget(services, postgres, $"./shop run (state file {Path.GetFullPath(path)}), its own configuration", appHost: null,
            () => [.. (ReadState(path)?.Components ?? document.Components).Where(c => c.Pid is not null).Select(c => (ServiceOf(c.Name), c.Pid!.Value))]);
    }

    public static async Task<LoadTarget> StartAppHostAsync(LoadOptions options)
    {
        var shop = await ShopAppHost.StartAsync(new ShopAppHostOptions
        {
            Replicas = options.Replicas,
            KafkaPartitions = options.Partitions,
            ServiceEnvironment = ServiceEnvironment(),
        });
        var services = ShopAppHost.Services.ToDictionary(
            service => service, service => (IReadOnlyList<Uri>)[.. shop.Instances(service).Select(instance => instance.Url).OfType<Uri>()]);
        var postgresPort = new NpgsqlConnectionStringBuilder(shop.ConnectionStrings["postgres"]).Port;
        return new LoadTarget(services, postgresPort,
            $"the AppHost started by the generator: {options.Replicas} replica(s) per service, {options.Partitions} partitions, services as " +
            "Production, orders' per-client-address rate limit raised to 1,000,000/s (per-customer limit left at its default)", shop,
            () => Processes(shop));
    }

    private static List<(string Name, int Pid)> Processes(ShopAppHost shop)
    {
        var processes = new List<(string Name, int Pid)>();
        foreach (var (resource, name) in new[] { ("postgres", "postgres"), ("cache", "redis"), ("kafka", "kafka") })
        {
            if (shop.ResourceProcessId(resource) is { } pid)
            {
                processes.Add((name, pid));
            }
        }

        foreach (var instance in shop.ServiceInstances())
        {
            if (shop.ServiceProcessId(instance.ResourceId) is { } pid)
            {
                processes.Add((instance.Service, pid));
            }
        }

        return processes;
    }

    /// <summary>
    /// What the generator's AppHost sets per service beyond the AppHost's own settings. Production, to measure what is
    /// deployed (Development adds DI scope validation on every scope and the developer exception page). The Redis
    /// rate limiter on POST /api/orders (1000/s per client address by default) would measure the limiter, not the saga:
    /// all load comes from this one address; customers are spread wide. The AppHost turns tiered PGO off (it costs
    /// CPU while the services warm up, which is most of a test's or a dev loop's life); the generator measures the
    /// steady state after its warm-up, where PGO's code pays that back: closed c=16 on two cores took 41 ms of the
    /// shop's CPU per saga with it and 51 ms without. An exported <c>DOTNET_TieredPGO</c> still wins.
    /// </summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> ServiceEnvironment()
    {
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["DOTNET_TieredPGO"] = Environment.GetEnvironmentVariable("DOTNET_TieredPGO") ?? "1",
        };
        var environment = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var service in ShopAppHost.Services)
        {
            environment[service] = service == "orders"
                ? new Dictionary<string, string>(common)
                {
                    ["RateLimiting__PerClientAddress__PermitsPerSecond"] = "1000000",
                    ["RateLimiting__PerClientAddress__Burst"] = "1000000",
                }
                : common;
        }

        return environment;
    }

    private static StateDocument? ReadState(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<StateDocument>(File.ReadAllText(path), StateDocument.JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_appHost is not null)
        {
            await _appHost.DisposeAsync();
        }
    }

    private static Dictionary<string, IReadOnlyList<Uri>> ServicesFrom(IEnumerable<(string Name, Uri Url)> instances) =>
        instances
            .GroupBy(instance => ServiceOf(instance.Name))
            .ToDictionary(group => group.Key, group => (IReadOnlyList<Uri>)[.. group.Select(instance => instance.Url)]);

    /// <summary><c>orders-2</c> → <c>orders</c>; other names stay as they are.</summary>
    private static string ServiceOf(string instance) =>
        ShopAppHost.Services.FirstOrDefault(service => instance == service || instance.StartsWith(service + "-", StringComparison.Ordinal)) ?? instance;
}
