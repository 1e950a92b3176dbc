using Shop.Scenarios;

namespace Shop.LoadTests;

/// <summary>The shared scenarios' view (<see cref="IShopSystem"/>) of a shop reached over HTTP only, so the seeding
/// and the invariant check reuse <c>ShopClient</c> and <c>Invariants</c>. It cannot stop or start services.</summary>
public sealed class HttpShopSystem(LoadTarget target, HttpMessageHandler handler) : IShopSystem
{
    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Not known from outside; the invariant check does not use it.</summary>
    public TimeSpan SagaStepDeadline => TimeSpan.FromSeconds(30);

    public HttpClient CreateClient(string service) => new(handler, disposeHandler: false)
    {
        BaseAddress = target.Services.TryGetValue(service, out var urls) ? urls[0]
            : throw new InvalidOperationException($"the target has no {service} service"),
        Timeout = HttpTimeout,
    };

    public Task StopServiceAsync(string service) => throw new NotSupportedException("the load generator does not stop services");

    public Task StartServiceAsync(string service) => throw new NotSupportedException("the load generator does not start services");
}
