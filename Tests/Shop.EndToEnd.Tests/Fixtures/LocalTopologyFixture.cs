using Shop.EndToEnd.Tests.Support;
using Shop.LocalHost;
using Shop.Scenarios;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Shop.EndToEnd.Tests.Fixtures;

/// <summary>
/// The whole shop from local binaries (<see cref="LocalTopology"/>), started once for the tests of
/// <see cref="LocalTopologyCollection"/> and healthy before the first of them runs. Its state file and logs
/// are under <c>.shop/e2e/{pid}/topology/</c>, so a <c>./shop run</c> beside it is not disturbed. LocalHost's
/// notes (starts, exits, restarts) are xunit diagnostic messages (shown with <c>diagnosticMessages</c> on).
/// </summary>
public sealed class LocalTopologyFixture : IAsyncLifetime
{
    /// <summary>The orchestrator's payment deadline here: short, so the timeout scenarios end quickly, yet far above
    /// a charge's normal round trip on a loaded machine. The other steps keep the default.</summary>
    public static readonly TimeSpan PaymentDeadline = TimeSpan.FromSeconds(6);

    private readonly LocalTopologyOptions _options;
    private LocalTopology? _topology;

    public LocalTopologyFixture(IMessageSink diagnostics)
    {
        var folder = TestRunDirectory.For("topology");
        _options = new LocalTopologyOptions
        {
            StateFilePath = Path.Combine(folder, "state.json"),
            LogDirectory = Path.Combine(folder, "logs"),
            Notes = note => diagnostics.OnMessage(new DiagnosticMessage($"[LocalHost] {note}")),
            ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
            {
                ["orchestrator"] = new Dictionary<string, string>
                {
                    ["Saga__Deadlines__ChargePayment"] = PaymentDeadline.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                },
            },
        };
    }

    public LocalTopology Topology => _topology ?? throw new InvalidOperationException("the topology is not running");

    public string StateFilePath => _options.StateFilePath!;

    /// <summary>A client for one service (or service instance), addressed by its name.</summary>
    public HttpClient CreateClient(string service) => new()
    {
        BaseAddress = Topology.ServiceUrl(service),
        Timeout = TestTimeouts.Http,
    };

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TestTimeouts.Startup);
        var topology = await LocalTopology.StartAsync(_options, deadline.Token);
        try
        {
            await topology.WaitForHealthyAsync(TestTimeouts.Startup, deadline.Token);
            _topology = topology;
            await SystemWarmUp.RunAsync(new LocalShopSystem(this), TestTimeouts.WarmUp);
        }
        catch
        {
            // Not kept for DisposeAsync: the processes of a topology that never became healthy go at once,
            // and the health failure (which service, its last answer, its log) is what the runner reports.
            _topology = null;
            await topology.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }
}
