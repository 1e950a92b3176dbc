using Shop.LocalHost;
using Shop.Scenarios;

namespace Shop.Chaos;

/// <summary>The scenarios' view of a <see cref="LocalTopology"/> under chaos: a client reaches any live instance.</summary>
public sealed class TopologyShopSystem(LocalTopology topology, TimeSpan httpPatience, TimeSpan sagaStepDeadline) : IShopSystem
{
    public TimeSpan SagaStepDeadline => sagaStepDeadline;

    public HttpClient CreateClient(string service)
    {
        var instances = topology.ServiceInstances
            .Where(name => name == service || name.StartsWith(service + "-", StringComparison.Ordinal))
            .Select(topology.ServiceUrl)
            .ToList();
        return new HttpClient(new FailoverHandler(instances, httpPatience))
        {
            BaseAddress = instances[0],
            Timeout = httpPatience + TimeSpan.FromSeconds(30),
        };
    }

    public Task StopServiceAsync(string service) => topology.StopServiceAsync(service);

    public Task StartServiceAsync(string service) => topology.StartServiceAsync(service, TimeSpan.FromSeconds(90));
}
