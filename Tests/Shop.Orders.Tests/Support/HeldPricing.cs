namespace Shop.Orders.Tests.Support;

/// <summary>Inventory's pricing as <see cref="OrdersApp"/> stubs it, except that every request waits until
/// <see cref="Release"/>: a test keeps order placements in flight for as long as it needs them.</summary>
public sealed class HeldPricing() : DelegatingHandler(new StubHandler(OrdersApp.PriceAsInventoryWould))
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the first placement reaches pricing (it has passed admission).</summary>
    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _entered.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
