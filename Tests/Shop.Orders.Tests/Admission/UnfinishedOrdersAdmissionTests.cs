using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;
using Shop.Messaging.Persistence;
using Shop.Orders.Admission;
using Shop.Orders.Data;
using Shop.Orders.Tests.Support;
using Shop.Testing;

namespace Shop.Orders.Tests.Admission;

/// <summary>
/// The bound on unfinished orders (<c>Orders:Admission:MaxUnfinishedOrders</c>) on real PostgreSQL. The orders that
/// fill the backlog are placed through the shared fixture, a second instance of the service, so the instance under
/// test can only learn of them from its count of the database: the bound is global across instances.
/// </summary>
[Collection(OrdersAppCollection.Name)]
public sealed class UnfinishedOrdersAdmissionTests(OrdersApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task With_the_limit_reached_a_placement_is_503_and_stores_nothing_until_an_order_finishes()
    {
        // Arrange: the other tests of the collection leave unfinished orders behind; the limit is two more.
        using var refusals = new CounterListener(AdmissionMetrics.MeterName, "shop.admission.backlog_refusals");
        var before = await UnfinishedCountAsync();
        await using var service = Service(("Orders:Admission:MaxUnfinishedOrders", (before + 2).ToString()), ("Orders:Admission:RetryAfter", "00:00:02"));
        var unfinished = service.Services.GetRequiredService<UnfinishedOrders>();
        var first = await PlaceAsync(app.CreateClient());
        await PlaceAsync(app.CreateClient());
        await Wait.UntilAsync(() => unfinished.Estimate == before + 2, Timeout, "the instance to count the orders placed elsewhere");
        var stored = await app.CountAsync();

        // Act
        using var refused = await SubmitAsync(service.CreateClient());

        // Assert
        refused.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(2));
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(503);
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(2);
        (await app.CountAsync()).Should().Be(stored, "a refused placement stores nothing");
        refusals.Total.Should().Be(1);

        // One order finishes: the next count makes room for one placement, and that one fills it again.
        await CompleteAsync(first);
        await Wait.UntilAsync(() => unfinished.Estimate == before + 1, Timeout, "the instance to count the finished order out");
        using var accepted = await SubmitAsync(service.CreateClient());
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        using var refusedAgain = await SubmitAsync(service.CreateClient());
        refusedAgain.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task With_no_bound_configured_a_placement_is_admitted_whatever_the_backlog()
    {
        // Arrange: a bound of 0 is none, even with unfinished orders in the database.
        await PlaceAsync(app.CreateClient());
        await using var service = Service(("Orders:Admission:MaxUnfinishedOrders", "0"));

        // Act
        using var response = await SubmitAsync(service.CreateClient());

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    private WebApplicationFactory<OrdersDbContext> Service(params (string Key, string Value)[] settings)
    {
        var service = app.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Orders:Admission:UnfinishedOrdersRefreshInterval", "00:00:00.050");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

        // The fixture migrated the database itself and leaves the migration service out, which would say so.
        service.Services.GetRequiredService<DatabaseReadiness<OrdersDbContext>>().MarkReady();
        return service;
    }

    private async Task<long> UnfinishedCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Orders
            .LongCountAsync(o => o.Status != OrderStates.Completed && o.Status != OrderStates.Cancelled);
    }

    private async Task CompleteAsync(Guid orderId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrdersDbContext>();
        var order = await db.Orders.Include(o => o.Timeline).SingleAsync(o => o.Id == orderId);
        order.Complete(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    private static async Task<Guid> PlaceAsync(HttpClient client)
    {
        using var response = await SubmitAsync(client);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = $"backlog-{Guid.NewGuid():N}", items = new[] { new { sku = "sku-a", quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return client.SendAsync(request);
    }
}
