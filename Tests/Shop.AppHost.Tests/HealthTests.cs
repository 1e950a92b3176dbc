using System.Net;
using Shop.AppHost.Testing;
using Shop.AppHost.Tests.Fixtures;

namespace Shop.AppHost.Tests;

[Collection(AspireShopCollection.Name)]
public sealed class HealthTests(AspireShopFixture fixture)
{
    public static TheoryData<string> Resources => [.. ShopAppHost.HealthCheckedResources];

    [Theory]
    [MemberData(nameof(Resources))]
    public async Task Resource_becomes_healthy(string resource)
    {
        // Arrange
        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);

        // Act
        var state = await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);

        // Assert
        state.Snapshot.HealthStatus.Should().Be(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("inventory")]
    [InlineData("payments")]
    [InlineData("orchestrator")]
    public async Task Service_is_healthy_and_alive_with_its_consumers_assigned(string service)
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
        (await health.Content.ReadAsStringAsync(cts.Token)).Should().Contain("kafka-consumers");
        alive.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void The_first_order_after_every_resource_is_healthy_completes_promptly()
    {
        // Arrange: the fixture placed it the moment every resource was healthy.
        var (status, elapsed) = fixture.FirstOrder;

        // Assert
        status.Should().Be("Completed");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), "ready means an order placed at that moment completes promptly");
    }
}
