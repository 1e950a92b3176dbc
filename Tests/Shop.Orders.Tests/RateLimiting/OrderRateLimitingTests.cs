using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Shop.Messaging.Extensions;
using Shop.Orders.Data;
using Shop.Orders.RateLimiting;
using Shop.Orders.Tests.Support;
using Shop.Testing;

namespace Shop.Orders.Tests.RateLimiting;

/// <summary>The limits on POST /api/orders against the AppHost's real redis-server. Each test builds the service with
/// its own small limits and uses its own customers and client addresses, so buckets never overlap.</summary>
[Collection(OrdersAppCollection.Name)]
public sealed class OrderRateLimitingTests(OrdersApp app)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_request_after_the_burst_is_429_with_retry_after_and_stores_nothing()
    {
        // 0.2 permits/s: the bucket cannot refill a token while the test runs.
        await using var service = Service(("RateLimiting:PerCustomer:PermitsPerSecond", "0.2"), ("RateLimiting:PerCustomer:Burst", "3"));
        var client = service.CreateClient();
        var customer = NewId("customer");

        var accepted = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SubmitAsync(client, customer)));
        var before = await app.CountAsync();
        var refused = await SubmitAsync(client, customer);

        accepted.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(5));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(429);
        problem.GetProperty("limit").GetString().Should().Be("customer");
        (await app.CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Tokens_refill_with_time()
    {
        // One token every five seconds (slow enough that a loaded machine still sends the second request in time):
        // the second request at once is refused, a later one is let through.
        await using var service = Service(("RateLimiting:PerCustomer:PermitsPerSecond", "0.2"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var customer = NewId("customer");

        (await SubmitAsync(client, customer)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var refused = await SubmitAsync(client, customer);
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter!.Delta.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(5));

        await Wait.UntilAsync(
            async () => (await SubmitAsync(client, customer)).StatusCode == HttpStatusCode.Accepted,
            TimeSpan.FromSeconds(30),
            "a token to refill");
    }

    [Fact]
    public async Task Customers_have_separate_buckets()
    {
        await using var service = Service(("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var (ada, bob) = (NewId("ada"), NewId("bob"));

        (await SubmitAsync(client, ada)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await SubmitAsync(client, ada)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SubmitAsync(client, bob)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_client_address_is_limited_across_customers_and_addresses_are_independent()
    {
        await using var service = Service(
            ("RateLimiting:PerClientAddress:PermitsPerSecond", "0.1"), ("RateLimiting:PerClientAddress:Burst", "2"));
        var client = service.CreateClient();
        var (busy, other) = (NewAddress(), NewAddress());

        (await SubmitAsync(client, NewId("c1"), busy)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await SubmitAsync(client, NewId("c2"), busy)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var refused = await SubmitAsync(client, NewId("c3"), busy);
        var elsewhere = await SubmitAsync(client, NewId("c4"), other);

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limit").GetString().Should().Be("client-address");
        elsewhere.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_refused_address_costs_the_customer_no_token()
    {
        await using var service = Service(
            ("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"),
            ("RateLimiting:PerClientAddress:PermitsPerSecond", "0.1"), ("RateLimiting:PerClientAddress:Burst", "1"));
        var client = service.CreateClient();
        var (busy, customer) = (NewAddress(), NewId("customer"));
        (await SubmitAsync(client, NewId("other"), busy)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var refused = await SubmitAsync(client, customer, busy);
        var fromElsewhere = await SubmitAsync(client, customer, NewAddress());

        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fromElsewhere.StatusCode.Should().Be(HttpStatusCode.Accepted, "the request refused for its address took nothing from the customer's bucket");
    }

    [Fact]
    public async Task An_invalid_request_costs_no_token()
    {
        await using var service = Service(("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var customer = NewId("customer");

        for (var i = 0; i < 3; i++)
        {
            var invalid = await SubmitAsync(client, customer, quantity: 0);
            invalid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        (await SubmitAsync(client, customer)).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Disabled_it_limits_nothing()
    {
        await using var service = Service(
            ("RateLimiting:Enabled", "false"), ("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var customer = NewId("customer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => SubmitAsync(client, customer)));

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Without_redis_orders_pass_the_fail_open_is_counted_and_health_is_degraded()
    {
        using var failOpen = new CounterListener(RateLimitingTelemetry.MeterName, "shop.ratelimit.fail_open");
        // Nothing listens on port 1: the connection is refused, as when Redis is down; the service starts regardless.
        await using var service = Service(
            ("ConnectionStrings:cache", "127.0.0.1:1"), ("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var customer = NewId("customer");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await SubmitAsync(client, customer));
        }

        var redis = await RedisHealthAsync(client);

        responses.Select(r => r.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Accepted, "the limiter fails open");
        failOpen.Total.Should().BeGreaterThanOrEqualTo(3);
        // Degraded, which alone keeps /health at 200 (this test host leaves out the messaging's background services,
        // whose checks therefore fail; Shop.Messaging.Tests checks the 200 itself).
        redis.GetProperty("status").GetString().Should().Be("Degraded", redis.ToString());
        redis.GetProperty("description").GetString().Should().Contain("127.0.0.1:1").And.Contain("fails open");
    }

    [Fact]
    public async Task Redis_killed_mid_test_fails_open_at_once_and_limits_again_once_it_is_back()
    {
        using var failOpen = new CounterListener(RateLimitingTelemetry.MeterName, "shop.ratelimit.fail_open");
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var service = Service(
            ("ConnectionStrings:cache", redis.ConnectionString), ("RateLimiting:PerCustomer:PermitsPerSecond", "0.1"), ("RateLimiting:PerCustomer:Burst", "1"));
        var client = service.CreateClient();
        var before = NewId("customer");
        (await SubmitAsync(client, before)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await SubmitAsync(client, before)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "Redis is there: the limit holds");

        await redis.KillAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Degraded", Deadline, "/health reports Redis as degraded");
        var failedOpenBefore = failOpen.Total;
        var clock = Stopwatch.StartNew();
        var whileDown = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            whileDown.Add((await SubmitAsync(client, before)).StatusCode);
        }

        var downTime = clock.Elapsed;

        whileDown.Should().AllBeEquivalentTo(HttpStatusCode.Accepted, "without Redis the limiter fails open, even for a customer who was limited");
        (failOpen.Total - failedOpenBefore).Should().BeGreaterThanOrEqualTo(3);
        // RateLimiting:Timeout is 30 s in these tests: only failing fast while disconnected makes this quick.
        downTime.Should().BeLessThan(TimeSpan.FromSeconds(10), "a command fails at once while Redis is away, it does not wait for the timeout");

        await redis.StartAsync();
        await Wait.UntilAsync(async () => await RedisStatusAsync(client) == "Healthy", Deadline, "/health reports Redis as healthy again");
        var after = NewId("customer");
        (await SubmitAsync(client, after)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await SubmitAsync(client, after)).StatusCode.Should().Be(
            HttpStatusCode.TooManyRequests, "the limiter works again once Redis is back (which came back empty, so its script is loaded anew)");
    }

    private static async Task<JsonElement> RedisHealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return report.GetProperty("entries").GetProperty(RedisExtensions.HealthCheckName).Clone();
    }

    private static async Task<string?> RedisStatusAsync(HttpClient client) => (await RedisHealthAsync(client)).GetProperty("status").GetString();

    private WebApplicationFactory<OrdersDbContext> Service(params (string Key, string Value)[] settings) =>
        app.WithWebHostBuilder(builder =>
        {
            // Generous: a verdict that comes late on the loaded test machine must not turn into a fail-open.
            builder.UseSetting("RateLimiting:Timeout", "00:00:30");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, TestClientAddress>());
        });

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string customer, string? address = null, int quantity = 1)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = customer, items = new[] { new { sku = "sku-a", quantity } } }),
        };
        request.Headers.Add("Idempotency-Key", NewId("key"));
        request.Headers.Add(TestClientAddress.Header, address ?? NewAddress());
        return client.SendAsync(request);
    }

    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";
}
