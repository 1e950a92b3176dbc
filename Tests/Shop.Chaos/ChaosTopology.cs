using System.Globalization;
using Shop.LocalHost;

namespace Shop.Chaos;

/// <summary>How the chaos test and the soak run LocalHost: the same topology with saga deadlines short enough for
/// a kill or an outage to cause some timeouts (Cancelled(PaymentTimeout) is a legitimate outcome), long enough for
/// a restarted service to catch up, so the run converges.</summary>
public static class ChaosTopology
{
    public static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);

    public static LocalTopologyOptions Options(int replicas, string folder, Action<string>? notes) => new()
    {
        Replicas = replicas,
        StateFilePath = Path.Combine(folder, "state.json"),
        LogDirectory = Path.Combine(folder, "logs"),
        Notes = notes,
        ServiceEnvironment = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["orchestrator"] = new Dictionary<string, string>
            {
                ["Saga__Deadlines__ReserveStock"] = StepDeadline.ToString("c", CultureInfo.InvariantCulture),
                ["Saga__Deadlines__ChargePayment"] = StepDeadline.ToString("c", CultureInfo.InvariantCulture),
                ["Saga__Deadlines__CommitStock"] = StepDeadline.ToString("c", CultureInfo.InvariantCulture),
            },
        },
    };

    /// <summary>The seed from <c>SHOP_CHAOS_SEED</c> when set (a replay), else a fresh one.</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("SHOP_CHAOS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
