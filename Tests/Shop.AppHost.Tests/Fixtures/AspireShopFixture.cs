using System.Globalization;
using Shop.AppHost.Tests.Support;
using Shop.Scenarios;

namespace Shop.AppHost.Tests.Fixtures;

/// <summary>
/// The whole shop from the Aspire AppHost (containers for Postgres, Redis and Kafka, the four services as
/// projects), started once for the tests of <see cref="AspireShopCollection"/> and healthy before the first of them runs.
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

    private DistributedApplication? _app;
    private IResourceCollection? _resources;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("the AppHost is not running");

    /// <summary>The AppHost's resources, for the commands that take an <see cref="IResource"/>.</summary>
    public IResourceCollection Resources => _resources ?? throw new InvalidOperationException("the AppHost is not running");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(StartupTimeout);
        // Arguments reach the AppHost's configuration; Parameters:{name} is where its parameters read their values,
        // and Shop:KeepData=false gives every test run a fresh database.
        var deadline = PaymentDeadline.ToString("c", CultureInfo.InvariantCulture);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(
            [$"--Parameters:saga-charge-payment-deadline={deadline}", "--Shop:KeepData=false"], cts.Token);
        var app = await appHost.BuildAsync(cts.Token);
        try
        {
            await app.StartAsync(cts.Token);
            foreach (var service in Services)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(service, cts.Token);
            }

            (_app, _resources) = (app, appHost.Resources);
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

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
