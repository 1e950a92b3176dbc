using Shop.AppHost.Tests.Fixtures;
using Shop.Scenarios;

namespace Shop.AppHost.Tests.Support;

/// <summary>The shared scenarios' view of the shop that the Aspire AppHost runs. Stopping and starting a service are
/// the dashboard's own Stop and Start commands.</summary>
public sealed class AspireShopSystem(AspireShopFixture fixture) : IShopSystem
{
    public TimeSpan SagaStepDeadline => AspireShopFixture.PaymentDeadline;

    public HttpClient CreateClient(string service) => fixture.App.CreateHttpClient(service);

    public Task StopServiceAsync(string service) => fixture.Shop.StopServiceAsync(service);

    public Task StartServiceAsync(string service) => fixture.Shop.StartServiceAsync(service);
}
