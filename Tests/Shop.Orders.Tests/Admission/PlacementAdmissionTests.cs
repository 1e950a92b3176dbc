using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Orders.Data;
using Shop.Orders.Pricing;
using Shop.Orders.Tests.Support;
using Shop.Testing;

namespace Shop.Orders.Tests.Admission;

/// <summary>The concurrency limit on POST /api/orders (<c>Orders:Admission</c>). Each test builds the service with a
/// limit of one placement and holds that one in pricing, so the limit is reached for as long as the test needs.</summary>
[Collection(OrdersAppCollection.Name)]
public sealed class PlacementAdmissionTests(OrdersApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_placement_beyond_the_limit_and_its_queue_is_503_with_retry_after_and_stores_nothing()
    {
        // Arrange: one placement at a time, none waiting, and the first one held in pricing.
        var pricing = new HeldPricing();
        await using var service = Service(pricing, ("Orders:Admission:PermitLimit", "1"), ("Orders:Admission:QueueLimit", "0"), ("Orders:Admission:RetryAfter", "00:00:03"));
        var client = service.CreateClient();
        var held = SubmitAsync(client);
        await pricing.Entered.WaitAsync(Timeout);
        var before = await app.CountAsync();

        // Act
        using var refused = await SubmitAsync(client);

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(3);
        (await app.CountAsync()).Should().Be(before, "a refused placement stores nothing");

        // The held placement completes and gives its permit back: the next one is admitted.
        pricing.Release();
        (await held).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await SubmitAsync(client)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_placement_that_finds_a_queue_place_waits_for_the_permit_and_is_accepted()
    {
        // Arrange: one placement at a time, one waiting.
        using var queued = new CounterListener("Microsoft.AspNetCore.RateLimiting", "aspnetcore.rate_limiting.queued_requests");
        var pricing = new HeldPricing();
        await using var service = Service(pricing, ("Orders:Admission:PermitLimit", "1"), ("Orders:Admission:QueueLimit", "1"));
        var client = service.CreateClient();
        var first = SubmitAsync(client);
        await pricing.Entered.WaitAsync(Timeout);

        // Act: the second waits in the queue; releasing the first lets it through.
        var second = SubmitAsync(client);
        await Wait.UntilAsync(() => queued.Total == 1, Timeout, "the second placement to wait in the queue");
        pricing.Release();

        // Assert
        (await first).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await second).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Disabled_it_limits_nothing()
    {
        // Arrange
        var pricing = new HeldPricing();
        await using var service = Service(pricing,
            ("Orders:Admission:Enabled", "false"), ("Orders:Admission:PermitLimit", "1"), ("Orders:Admission:QueueLimit", "0"));
        var client = service.CreateClient();
        var first = SubmitAsync(client);
        await pricing.Entered.WaitAsync(Timeout);

        // Act
        var second = SubmitAsync(client);
        pricing.Release();

        // Assert
        (await first).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await second).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private WebApplicationFactory<OrdersDbContext> Service(HeldPricing pricing, params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddHttpClient<InventoryClient>().ConfigurePrimaryHttpMessageHandler(() => pricing));
        });

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = $"admission-{Guid.NewGuid():N}", items = new[] { new { sku = "sku-a", quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }
}
