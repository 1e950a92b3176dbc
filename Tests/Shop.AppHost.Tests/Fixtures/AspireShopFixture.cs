using System.Globalization;
using Shop.AppHost.Testing;
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
    /// <summary>One operator action: a resource command, a service becoming healthy again.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The orchestrator's payment deadline here: short, so the timeout scenarios end quickly, yet far above
    /// a charge's normal round trip. Set through the AppHost parameter; the other steps keep the default.</summary>
    public static readonly TimeSpan PaymentDeadline = TimeSpan.FromSeconds(6);

    // This run's files: the AppHost's state file (what ./shop run keeps in .shop/state.json; here apart, so a running
    // ./shop run is not disturbed; shop-dlq finds the broker through it) and the tests' own. Removed on dispose.
    private readonly string _runDirectory = Path.Combine(Path.GetTempPath(), $"shop-apphost-tests-{Guid.NewGuid():N}");

    private ShopAppHost? _shop;

    public ShopAppHost Shop => _shop ?? throw new InvalidOperationException("the AppHost is not running");

    public DistributedApplication App => Shop.App;

    /// <summary>The AppHost's state file, written once every resource is healthy.</summary>
    public string StateFilePath => Path.Combine(_runDirectory, "state.json");

    /// <summary>A folder for a test's files (<paramref name="purpose"/> under this run's folder), removed with the AppHost.</summary>
    public string RunDirectory(string purpose) => Directory.CreateDirectory(Path.Combine(_runDirectory, purpose)).FullName;

    /// <summary>The first order placed right after every resource was healthy: its final status and how long it took.</summary>
    public (string Status, TimeSpan Elapsed) FirstOrder { get; private set; }

    public async Task InitializeAsync()
    {
        // The AppHost's own warm-up order is off: the first order here is the one that measures readiness.
        _shop = await ShopAppHost.StartAsync(new ShopAppHostOptions
        {
            Parameters = new Dictionary<string, string>
            {
                ["saga-charge-payment-deadline"] = PaymentDeadline.ToString("c", CultureInfo.InvariantCulture),
            },
            StateFilePath = StateFilePath,
            CommandTimeout = DefaultTimeout,
        });
        FirstOrder = await FirstOrderProbe.RunAsync(new AspireShopSystem(this), DefaultTimeout);
        await SystemWarmUp.RunAsync(new AspireShopSystem(this), DefaultTimeout);
    }

    /// <summary>Returns once every resource is healthy again (after a test that took one down or a fault).</summary>
    public async Task WaitForHealthyAsync()
    {
        using var cts = new CancellationTokenSource(DefaultTimeout);
        await Shop.WaitForHealthyAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }

        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }
}
