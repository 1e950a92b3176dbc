using System.Net;
using Polly.CircuitBreaker;
using Shop.ServiceDefaults.Tests.Support;

namespace Shop.ServiceDefaults.Tests.Http;

// What AddServiceDefaults() configures on every HttpClient (Microsoft.Extensions.ServiceDiscovery and
// Microsoft.Extensions.Http.Resilience): the project's settings and additions, not the libraries' own behaviour.
public sealed class HttpClientDefaultsTests
{
    [Fact]
    public async Task A_logical_service_name_resolves_from_the_services_section()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.OK);
        using var host = ServiceDefaultsHost.Build(network, new() { ["services:inventory:http:0"] = "http://localhost:5123" }, "inventory");

        // Act
        var response = await host.Client("inventory").GetAsync("https+http://inventory/api/products?sku=A-1");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.RequestUris.Should().Equal(new Uri("http://localhost:5123/api/products?sku=A-1"));
    }

    [Fact]
    public async Task Calls_are_spread_over_every_replica_configured()
    {
        // Arrange: LocalHost gives every service the URLs of all replicas of the others (__0, __1, ...)
        var network = StubHandler.Returning(HttpStatusCode.OK);
        using var host = ServiceDefaultsHost.Build(
            network,
            new() { ["services:inventory:http:0"] = "http://localhost:5123", ["services:inventory:http:1"] = "http://localhost:5124" },
            "inventory");
        var client = host.Client("inventory");

        // Act
        for (var i = 0; i < 4; i++)
        {
            (await client.GetAsync("http://inventory/api/products")).EnsureSuccessStatusCode();
        }

        // Assert
        network.RequestUris.Select(uri => uri!.Port).Distinct().Should().BeEquivalentTo([5123, 5124]);
    }

    [Fact]
    public async Task A_retry_is_resolved_again_and_goes_to_the_next_replica()
    {
        // Arrange: the first replica is failing; discovery inside the resilience pipeline sends the retry elsewhere
        var network = new StubHandler((request, _, _) => Task.FromResult(new HttpResponseMessage(
            request.RequestUri!.Port == 5123 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.OK)
        {
            RequestMessage = request,
        }));
        using var host = ServiceDefaultsHost.Build(
            network,
            new()
            {
                ["services:inventory:http:0"] = "http://localhost:5123",
                ["services:inventory:http:1"] = "http://localhost:6123",
                ["HttpClient:Resilience:Retry:Delay"] = "00:00:00",
            },
            "inventory");
        var client = host.Client("inventory");

        // Act
        var responses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            responses.Add((await client.GetAsync("http://inventory/api/products?sku=A-1")).StatusCode);
        }

        // Assert: whichever replica a call starts at, it ends at the healthy one after at most one retry
        responses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK);
        network.RequestUris.Should().Contain(new Uri("http://localhost:5123/api/products?sku=A-1"))
            .And.Contain(new Uri("http://localhost:6123/api/products?sku=A-1"));
        network.Calls.Should().Be(3, "one of the two calls started at the failing replica and was retried once");
    }

    [Fact]
    public async Task Retries_as_the_HttpClient_Resilience_section_says()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.ServiceUnavailable);
        using var host = ServiceDefaultsHost.Build(
            network,
            new()
            {
                ["services:inventory:http:0"] = "http://localhost:5123",
                ["HttpClient:Resilience:Retry:MaxRetryAttempts"] = "1",
                ["HttpClient:Resilience:Retry:Delay"] = "00:00:00",
            },
            "inventory");

        // Act
        var response = await host.Client("inventory").GetAsync("http://inventory/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        network.Calls.Should().Be(2, "one attempt and the one retry configured");
    }

    [Fact]
    public async Task Does_not_retry_a_client_error()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.BadRequest, HttpStatusCode.OK);
        using var host = ServiceDefaultsHost.Build(
            network,
            new() { ["services:inventory:http:0"] = "http://localhost:5123", ["HttpClient:Resilience:Retry:Delay"] = "00:00:00" },
            "inventory");

        // Act
        var response = await host.Client("inventory").GetAsync("http://inventory/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        network.Calls.Should().Be(1);
    }

    [Fact]
    public async Task An_open_circuit_for_one_service_does_not_block_another()
    {
        // Arrange: inventory fails steadily and opens its circuit after two failures; payments answers
        var network = new StubHandler((request, _, _) => Task.FromResult(new HttpResponseMessage(
            request.RequestUri!.Port == 5001 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK)
        {
            RequestMessage = request,
        }));
        using var host = ServiceDefaultsHost.Build(
            network,
            new()
            {
                ["services:inventory:http:0"] = "http://localhost:5001",
                ["services:payments:http:0"] = "http://localhost:5002",
                ["HttpClient:Resilience:Retry:MaxRetryAttempts"] = "1",
                ["HttpClient:Resilience:Retry:Delay"] = "00:00:00",
                ["HttpClient:Resilience:AttemptTimeout:Timeout"] = "00:00:01",
                ["HttpClient:Resilience:CircuitBreaker:MinimumThroughput"] = "2",
                ["HttpClient:Resilience:CircuitBreaker:FailureRatio"] = "0.5",
                ["HttpClient:Resilience:CircuitBreaker:SamplingDuration"] = "00:00:10",
                ["HttpClient:Resilience:CircuitBreaker:BreakDuration"] = "00:05:00",
            },
            "inventory",
            "payments");
        (await host.Client("inventory").GetAsync("http://inventory/api/products")).StatusCode
            .Should().Be(HttpStatusCode.InternalServerError);
        var inventory = () => host.Client("inventory").GetAsync("http://inventory/api/products");
        await inventory.Should().ThrowAsync<BrokenCircuitException>();

        // Act
        var response = await host.Client("payments").GetAsync("http://payments/api/accounts/ada");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(3, "two attempts at inventory opened its circuit; the third call went to payments");
    }
}
