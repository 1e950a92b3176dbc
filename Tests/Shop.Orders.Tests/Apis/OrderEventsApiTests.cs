using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Contracts;
using Shop.Contracts.Orders;
using Shop.Orders.Data;
using Shop.Orders.Live;
using Shop.Orders.Tests.Support;
using Shop.Testing;

namespace Shop.Orders.Tests.Apis;

/// <summary>
/// <c>GET /api/orders/{id}/events</c> on real PostgreSQL: the saga's reports are handled as the inbox would (their
/// own transaction), and the stream must hear of them through the database's NOTIFY; the test app sets the safety
/// re-read to ten minutes, so only a notification can deliver a change within the read timeout.
/// </summary>
[Collection(OrdersAppCollection.Name)]
public sealed class OrderEventsApiTests(OrdersApp app)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_late_client_gets_the_current_state_first()
    {
        var id = await SubmitAsync();
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded, At.AddSeconds(1)));

        await using var stream = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");

        stream.Response.StatusCode.Should().Be(HttpStatusCode.OK);
        stream.Response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        (await stream.NextAsync())!.Retry.Should().NotBeNull("the stream starts by telling the browser how soon to reconnect");
        var (eventId, order) = (await stream.NextStatusAsync())!.Value;
        eventId.Should().NotBeNullOrEmpty();
        order.GetRawText().Should().Be((await _client.GetFromJsonAsync<JsonElement>($"/api/orders/{id}")).GetRawText());
        order.GetProperty("status").GetString().Should().Be(OrderStates.ChargingPayment);
        Timeline(order).Should().Equal((SagaSteps.Reserve, StepStatuses.Succeeded));
    }

    [Fact]
    public async Task Each_change_arrives_in_order_and_the_stream_ends_after_the_terminal_state()
    {
        var id = await SubmitAsync();
        await using var stream = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");
        (await StatusAsync(stream)).Should().Be((OrderStates.Submitted, 0));

        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));
        (await StatusAsync(stream)).Should().Be((OrderStates.ReservingStock, 1));

        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded, At.AddSeconds(1)));
        var (_, reserved) = (await stream.NextStatusAsync())!.Value;
        reserved.GetProperty("status").GetString().Should().Be(OrderStates.ChargingPayment);
        Timeline(reserved).Should().Equal((SagaSteps.Reserve, StepStatuses.Succeeded));

        // A timeline change alone (the status stays ChargingPayment) is a change too.
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ChargingPayment, SagaSteps.Charge, StepStatuses.Started, At.AddSeconds(2)));
        var (_, charging) = (await stream.NextStatusAsync())!.Value;
        Timeline(charging).Should().Equal((SagaSteps.Reserve, StepStatuses.Succeeded), (SagaSteps.Charge, StepStatuses.Started));

        await app.Services.HandleAsync(new CompleteOrder(id));
        var (_, completed) = (await stream.NextStatusAsync())!.Value;
        completed.GetProperty("status").GetString().Should().Be(OrderStates.Completed);
        Timeline(completed).Last().Should().Be((SagaSteps.Complete, StepStatuses.Succeeded));

        (await stream.NextAsync()).Should().BeNull("the stream ends once the terminal state is sent");
    }

    [Fact]
    public async Task A_timeline_change_reported_with_a_time_before_the_orders_last_update_still_arrives()
    {
        var id = await SubmitAsync();
        await app.Services.HandleAsync(new RecordOrderProgressV2(
            id, OrderStates.Compensating, [new(SagaSteps.Cancel, StepStatuses.Started)], DateTimeOffset.UtcNow.AddMinutes(1)));
        await using var stream = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");
        (await StatusAsync(stream)).Should().Be((OrderStates.Compensating, 1));

        // The orchestrator's clock behind this one's: the order's status and updated_at stay, only the timeline moves,
        // and the orders row's NOTIFY trigger is the only one there is.
        await app.Services.HandleAsync(new RecordOrderProgressV2(
            id, OrderStates.Compensating, [new(SagaSteps.Release, StepStatuses.Succeeded)], DateTimeOffset.UtcNow.AddMinutes(-1)));

        var (_, released) = (await stream.NextStatusAsync())!.Value;
        Timeline(released).Should().Equal((SagaSteps.Cancel, StepStatuses.Started), (SagaSteps.Release, StepStatuses.Succeeded));
    }

    [Fact]
    public async Task A_cancelled_order_ends_the_stream_with_its_reason()
    {
        var id = await SubmitAsync();
        await using var stream = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");
        (await StatusAsync(stream)).Should().Be((OrderStates.Submitted, 0));

        await app.Services.HandleAsync(new CancelOrder(id, CancellationReasons.OutOfStock));

        var (_, cancelled) = (await stream.NextStatusAsync())!.Value;
        cancelled.GetProperty("status").GetString().Should().Be(OrderStates.Cancelled);
        cancelled.GetProperty("reason").GetString().Should().Be(CancellationReasons.OutOfStock);
        (await stream.NextAsync()).Should().BeNull();
    }

    [Fact]
    public async Task Two_subscribers_of_one_order_both_see_every_change()
    {
        var id = await SubmitAsync();
        await using var first = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");
        await using var second = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events");
        (await StatusAsync(first)).Should().Be((OrderStates.Submitted, 0));
        (await StatusAsync(second)).Should().Be((OrderStates.Submitted, 0));

        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));
        (await StatusAsync(first)).Should().Be((OrderStates.ReservingStock, 1));
        (await StatusAsync(second)).Should().Be((OrderStates.ReservingStock, 1));

        await app.Services.HandleAsync(new CompleteOrder(id));
        (await StatusAsync(first)).Should().Be((OrderStates.Completed, 2));
        (await StatusAsync(second)).Should().Be((OrderStates.Completed, 2));
        (await first.NextAsync()).Should().BeNull();
        (await second.NextAsync()).Should().BeNull();
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeat_comments_and_no_event_for_another_orders_change()
    {
        var watched = await SubmitAsync();
        var other = await SubmitAsync();
        await using var stream = await EventStream.OpenAsync(_client, $"/api/orders/{watched}/events");
        (await StatusAsync(stream)).Should().Be((OrderStates.Submitted, 0));

        await app.Services.HandleAsync(new RecordOrderProgress(other, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));

        // The test app sends a heartbeat after a second of silence; nothing else may come before it.
        var next = await stream.NextAsync();
        next!.Comment.Should().Be("heartbeat");
        next.Event.Should().BeNull();
    }

    [Fact]
    public async Task An_unknown_order_is_404_problem_before_any_stream_starts()
    {
        var response = await _client.GetAsync($"/api/orders/{Guid.NewGuid()}/events");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Reconnecting_with_the_last_event_id_sends_only_what_is_new_and_204_once_terminal()
    {
        var id = await SubmitAsync();
        string lastId;
        await using (var stream = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events"))
        {
            lastId = (await stream.NextStatusAsync())!.Value.Id;
        }

        await using (var resumed = await EventStream.OpenAsync(_client, $"/api/orders/{id}/events", lastId))
        {
            (await resumed.NextAsync())!.Retry.Should().NotBeNull();
            await app.Services.HandleAsync(new CompleteOrder(id));
            // The state the client already had is not sent again: the first event is the change.
            var (completedId, completed) = (await resumed.NextStatusAsync())!.Value;
            completed.GetProperty("status").GetString().Should().Be(OrderStates.Completed);
            lastId = completedId;
        }

        var again = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id}/events") { Headers = { { "Last-Event-ID", lastId } } });
        again.StatusCode.Should().Be(HttpStatusCode.NoContent, "204 tells EventSource to stop reconnecting");
    }

    [Fact]
    public async Task A_change_that_sent_no_notification_still_arrives_through_the_safety_re_read()
    {
        await using var quickSafety = app.WithWebHostBuilder(builder => builder.UseSetting("Orders:LiveStatus:SafetyReadInterval", "00:00:01"));
        var client = quickSafety.CreateClient();
        var id = await SubmitAsync();
        await using var stream = await EventStream.OpenAsync(client, $"/api/orders/{id}/events");
        (await StatusAsync(stream)).Should().Be((OrderStates.Submitted, 0));

        // As if the notification were lost: the session's replica role skips the NOTIFY trigger. Unpooled, so the
        // role dies with this session: the service's pool does not reset connections (No Reset On Close) and would
        // hand the session on to the next handler, whose changes would then notify no one.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString()) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                """
                SET session_replication_role = replica;
                UPDATE orders.orders SET status = 'Cancelled', reason = 'OutOfStock' WHERE id = @id;
                """,
                connection);
            update.Parameters.AddWithValue("id", id);
            (await update.ExecuteNonQueryAsync()).Should().Be(1);
        }

        var (_, order) = (await stream.NextStatusAsync())!.Value;
        order.GetProperty("status").GetString().Should().Be(OrderStates.Cancelled);
        (await stream.NextAsync()).Should().BeNull();
    }

    [Fact]
    public async Task The_process_listens_on_the_orders_database()
    {
        var feed = (OrderChangeFeed)app.Services.GetService(typeof(OrderChangeFeed))!;

        await Wait.UntilAsync(() => feed.IsListening, EventStream.ReadTimeout, "the order change listener holds its LISTEN connection");
    }

    private string ConnectionString()
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<OrdersDbContext>().Database.GetConnectionString()!;
    }

    private static async Task<(string Status, int TimelineLength)> StatusAsync(EventStream stream)
    {
        var (_, order) = (await stream.NextStatusAsync()) ?? throw new InvalidOperationException("the stream ended early");
        return (order.GetProperty("status").GetString()!, order.GetProperty("timeline").GetArrayLength());
    }

    private static List<(string?, string?)> Timeline(JsonElement order) =>
        [.. order.GetProperty("timeline").EnumerateArray().Select(e => (e.GetProperty("step").GetString(), e.GetProperty("status").GetString()))];

    private async Task<Guid> SubmitAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = "events-tests", items = new[] { new { sku = "sku-a", quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await _client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
    }
}
