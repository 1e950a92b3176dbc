namespace Shop.Scenarios;

/// <summary>
/// A running shop, whichever host started it (LocalHost here, the Aspire AppHost where Docker is available).
/// The scenarios talk to it only through HTTP and these few operator actions.
/// </summary>
public interface IShopSystem
{
    /// <summary>An HTTP client for a service by name (<c>orders</c>, <c>inventory</c>, <c>payments</c>).</summary>
    HttpClient CreateClient(string service);

    /// <summary>The saga's per-step deadline as the orchestrator was configured with it.</summary>
    TimeSpan SagaStepDeadline { get; }

    /// <summary>Takes a service down (all its replicas) until <see cref="StartServiceAsync"/>.</summary>
    Task StopServiceAsync(string service);

    /// <summary>Brings a stopped service back and returns once it is healthy.</summary>
    Task StartServiceAsync(string service);
}
