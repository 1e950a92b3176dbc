namespace Shop.AppHost.Tests;

public class HealthTests
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    [Theory]
    [InlineData("orders")]
    [InlineData("inventory")]
    [InlineData("payments")]
    [InlineData("orchestrator")]
    public async Task Service_becomes_healthy(string resource)
    {
        // Arrange
        using var cts = new CancellationTokenSource(DefaultTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Shop_AppHost>(cts.Token);
        await using var app = await appHost.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);

        // Act
        await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        using var client = app.CreateHttpClient(resource);
        using var response = await client.GetAsync("/health", cts.Token);

        // Assert
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
    }
}
