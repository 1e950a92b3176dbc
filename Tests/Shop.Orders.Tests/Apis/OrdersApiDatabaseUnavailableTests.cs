using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Orders.Data;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Apis;

/// <summary>A request the database cannot serve for the moment is answered 503 with Retry-After (ServiceDefaults'
/// handler of transient database errors), not 500: here Npgsql's pool is really exhausted.</summary>
[Collection(OrdersAppCollection.Name)]
public sealed class OrdersApiDatabaseUnavailableTests(OrdersApp app)
{
    [Fact]
    public async Task An_exhausted_connection_pool_is_503_with_retry_after_and_a_placement_stores_nothing()
    {
        // Arrange: a pool of one connection that a request waits one second for, and the test holding that connection.
        var connectionString = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>().GetConnectionString("ordersdb"))
        {
            MaxPoolSize = 1,
            Timeout = 1,
        }.ConnectionString;
        await using var service = app.WithWebHostBuilder(builder => builder.UseSetting("ConnectionStrings:ordersdb", connectionString));
        var client = service.CreateClient();
        await using var scope = service.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.OpenConnectionAsync();
        var before = await app.CountAsync();

        // Act
        using var read = await client.GetAsync($"/api/orders/{Guid.NewGuid()}");
        using var placement = await SubmitAsync(client);

        // Assert
        await ShouldBeUnavailableAsync(read);
        await ShouldBeUnavailableAsync(placement);
        (await app.CountAsync()).Should().Be(before);
    }

    private static async Task ShouldBeUnavailableAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        response.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().Should().Be(503);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = $"pool-{Guid.NewGuid():N}", items = new[] { new { sku = "sku-a", quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }
}
