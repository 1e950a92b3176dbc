using System.Net.Http.Json;
using Shop.AppHost.Tests.Fixtures;

namespace Shop.AppHost.Tests;

[Collection(AspireShopCollection.Name)]
public sealed class InfrastructureTests(AspireShopFixture fixture)
{
    private sealed record BrokerView(int Id, int Port, bool Up);

    private sealed record ClusterView(string BootstrapServers, IReadOnlyList<BrokerView> Brokers);

    [Theory]
    [InlineData("postgres")]
    [InlineData("cache")]
    [InlineData("kafka")]
    [InlineData("orders")]
    public async Task A_process_of_the_resource_is_known_by_its_pid(string resource)
    {
        // Arrange
        if (resource != "orders" && !fixture.Shop.RunsLocalInfrastructure)
        {
            return; // a container has no host pid to report
        }

        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);

        // Act
        var state = await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);

        // Assert
        var pid = state.Snapshot.Properties.Single(p => p.Name == "executable.pid").Value;
        Directory.Exists($"/proc/{pid}").Should().BeTrue();
    }

    [Fact]
    public async Task The_local_broker_answers_its_admin_endpoint_with_three_brokers_up()
    {
        // Arrange
        if (!fixture.Shop.RunsLocalInfrastructure)
        {
            return; // real Kafka in a container has no admin endpoint
        }

        using var cts = new CancellationTokenSource(AspireShopFixture.DefaultTimeout);
        using var client = fixture.App.CreateHttpClient("kafka", "admin");

        // Act
        var cluster = await client.GetFromJsonAsync<ClusterView>("/cluster", cts.Token);

        // Assert
        cluster!.Brokers.Should().HaveCount(3).And.OnlyContain(broker => broker.Up);
    }
}
