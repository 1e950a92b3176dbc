using Shop.AppHost.Testing;
using Shop.Scenarios;

namespace Shop.Chaos;

/// <summary>The scenarios' view of the AppHost's shop under chaos: a client goes to any live replica of a service,
/// straight to the replica's own address.</summary>
public sealed class AppHostShopSystem(ShopAppHost shop, TimeSpan httpPatience, TimeSpan sagaStepDeadline) : IShopSystem
{
    public TimeSpan SagaStepDeadline => sagaStepDeadline;

    public HttpClient CreateClient(string service)
    {
        var instances = shop.Instances(service).Select(instance => instance.Url).OfType<Uri>().ToList();
        if (instances.Count == 0)
        {
            throw new InvalidOperationException($"{service} has no replica with an address");
        }

        return new HttpClient(new FailoverHandler(instances, httpPatience))
        {
            BaseAddress = instances[0],
            Timeout = httpPatience + TimeSpan.FromSeconds(30),
        };
    }

    public Task StopServiceAsync(string service) => shop.StopServiceAsync(service);

    public Task StartServiceAsync(string service) => shop.StartServiceAsync(service);
}
