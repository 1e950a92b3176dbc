using System.Globalization;
using Shop.AppHost.Testing;

namespace Shop.Chaos;

/// <summary>How the chaos test and the soak run the AppHost: saga deadlines short enough for a kill or an outage to
/// cause some timeouts (Cancelled(PaymentTimeout) is a legitimate outcome), long enough for a restarted service to
/// catch up, so the run converges.</summary>
public static class ChaosShop
{
    public static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(20);

    public static ShopAppHostOptions Options(int replicas, string? stateFilePath = null)
    {
        var deadline = StepDeadline.ToString("c", CultureInfo.InvariantCulture);
        return new ShopAppHostOptions
        {
            Replicas = replicas,
            StateFilePath = stateFilePath,
            Parameters = new Dictionary<string, string>
            {
                ["saga-reserve-stock-deadline"] = deadline,
                ["saga-charge-payment-deadline"] = deadline,
                ["saga-commit-stock-deadline"] = deadline,
            },
        };
    }

    /// <summary>The seed from <c>SHOP_CHAOS_SEED</c> when set (a replay), else a fresh one.</summary>
    public static int SeedFromEnvironment() =>
        int.TryParse(Environment.GetEnvironmentVariable("SHOP_CHAOS_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next();
}
