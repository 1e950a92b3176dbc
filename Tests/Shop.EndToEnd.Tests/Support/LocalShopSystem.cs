using Shop.EndToEnd.Tests.Fixtures;
using Shop.Scenarios;

namespace Shop.EndToEnd.Tests.Support;

/// <summary>The shared scenarios' view of the shop that LocalHost runs.</summary>
public sealed class LocalShopSystem(LocalTopologyFixture fixture) : IShopSystem
{
    public TimeSpan SagaStepDeadline => LocalTopologyFixture.PaymentDeadline;

    public HttpClient CreateClient(string service) => fixture.CreateClient(service);

    public Task StopServiceAsync(string service) => fixture.Topology.StopServiceAsync(service);

    public Task StartServiceAsync(string service) => fixture.Topology.StartServiceAsync(service, TestTimeouts.Recovery);
}
