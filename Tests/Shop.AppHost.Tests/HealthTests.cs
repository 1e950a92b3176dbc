using System.Net;
using Shop.AppHost.Tests.Fixtures;

namespace Shop.AppHost.Tests;

[Collection(AspireShopCollection.Name)]
public sealed class HealthTests(AspireShopFixture fixture)
{
    [Theory]
    [InlineData("orders")]
    [InlineData("inventory")]
    [InlineData("payments")]
    [InlineData("orchestrator")]
    public async Task Service_is_healthy_and_alive(string service)
    {
        // Arrange
        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(service, cts.Token);
        using var client = fixture.App.CreateHttpClient(service);

        // Act
        using var health = await client.GetAsync("/health", cts.Token);
        using var alive = await client.GetAsync("/alive", cts.Token);

        // Assert
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        alive.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
