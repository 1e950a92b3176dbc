using System.Globalization;
using Shop.AppHost.Tests.Support;
using Shop.Scenarios;

namespace Shop.AppHost.Tests.Fixtures;

/// <summary>
/// The whole shop from the Aspire AppHost (Postgres, Redis and Kafka as containers where a container runtime answers,
/// from local binaries here; the four services as projects), started once for the tests of
/// <see cref="AspireShopCollection"/> and healthy before the first of them runs. The first order placed once every
/// resource is healthy is timed (<see cref="FirstOrder"/>): ready must mean an order placed then completes promptly.
/// </summary>
public sealed class AspireShopFixture : IAsyncLifetime
{
    /// <summary>Building, pulling the container images on a first run, and every service healthy.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(5);

    /// <summary>One operator action: a resource command, a service becoming healthy again.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The orchestrator's payment deadline here: short, so the timeout scenarios end quickly, yet far above
    /// a charge's normal round trip. Set through the AppHost parameter; the other steps keep the default.</summary>
    public static readonly TimeSpan PaymentDeadline = TimeSpan.FromSeconds(6);

    /// <summary>The services the AppHost runs, by resource name.</summary>
    public static readonly IReadOnlyList<string> Services = ["inventory", "payments", "orchestrator", "orders"];

    /// <summary>Every resource with a health check: the infrastructure, the databases, the services.</summary>
    public static readonly IReadOnlyList<string> Resources =
        ["postgres", "ordersdb", "inventorydb", "paymentsdb", "orchestratordb", "cache", "kafka", .. Services];

    // This run's files: the AppHost's state file (what ./shop run keeps in .shop/state.json; here apart, so a running
    // ./shop run is not disturbed; shop-dlq finds the broker through it) and the tests' own. Removed on dispose.
    private readonly string _runDirectory = Path.Combine(Path.GetTempPath(), $"shop-apphost-tests-{Guid.NewGuid():N}");

    private DistributedApplication? _app;
    private IResourceCollection? _resources;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("the AppHost is not running");

    /// <summary>The AppHost's resources, for the commands that take an <see cref="IResource"/>.</summary>
    public IResourceCollection AppResources => _resources ?? throw new InvalidOperationException("the AppHost is not running");

    /// <summary>True when the AppHost chose executables from local binaries (no container runtime answers).</summary>
    public bool RunsLocalInfrastructure =>
        AppResources.Single(resource => resource.Name == "kafka") is not ContainerResource;

    /// <summary>The AppHost's state file, written once every resource is healthy.</summary>
    public string StateFilePath => Path.Combine(_runDirectory, "state.json");

    /// <summary>A folder for a test's files (<paramref name="purpose"/> under this run's folder), removed with the AppHost.</summary>
    public string RunDirectory(string purpose) => Directory.CreateDirectory(Path.Combine(_runDirectory, purpose)).FullName;

    /// <summary>The broker's bootstrap servers: the <c>kafka</c> connection string the services get.</summary>
    public string KafkaBootstrapServers { get; private set; } = "";

    /// <summary>The first order placed right after every resource was healthy: its final status and how long it took.</summary>
    public (string Status, TimeSpan Elapsed) FirstOrder { get; private set; }

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartupTimeout);
        // Arguments reach the AppHost's configuration; Parameters:{name} is where its parameters read their values.
        // The AppHost's own warm-up order is off: the first order here is the one that measures readiness.
        var deadline = PaymentDeadline.ToString("c", CultureInfo.InvariantCulture);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            [$"--Parameters:saga-charge-payment-deadline={deadline}", "--Shop:WarmUp=false", $"--Shop:StateFile={StateFilePath}"], cts.Token);
        WithoutTelemetryExport(appHost);
        var app = await appHost.BuildAsync(cts.Token);
        try
        {
            await app.StartAsync(cts.Token);
            await WaitForHealthyAsync(app, cts.Token);

            (_app, _resources) = (app, appHost.Resources);
            KafkaBootstrapServers = await app.GetConnectionStringAsync("kafka", cts.Token)
                ?? throw new InvalidOperationException("the kafka resource has no connection string");
            FirstOrder = await FirstOrderProbe.RunAsync(new AspireShopSystem(this), DefaultTimeout);
            await SystemWarmUp.RunAsync(new AspireShopSystem(this), DefaultTimeout);
        }
        catch
        {
            (_app, _resources) = (null, null);
            // Not kept for DisposeAsync: the containers and processes of an app that never became healthy go at
            // once, and the start-up failure (which resource, after how long) is what the runner reports.
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns once every resource is healthy again (after a test that took one down or a fault).</summary>
    public async Task WaitForHealthyAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await WaitForHealthyAsync(App, cts.Token);
    }

    private static async Task WaitForHealthyAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        foreach (var resource in Resources)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cancellationToken);
        }
    }

    // Aspire.Hosting.Testing runs no dashboard, yet points every service's OTLP exporter at it (localhost:4317).
    // Exports to nothing cost CPU each second, and a service's flush on stop then waits out the exporter's timeout,
    // longer than DCP waits for a stopped process ("timed out waiting for process to stop"). No endpoint, no
    // exporter: the services' telemetry pipelines are tested on their own (Shop.Tracing.Tests).
    private static void WithoutTelemetryExport(IDistributedApplicationTestingBuilder appHost)
    {
        foreach (var project in appHost.Resources.OfType<ProjectResource>())
        {
            project.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
            {
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
                return Task.CompletedTask;
            }));
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }
}
