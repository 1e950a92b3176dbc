using System.Net.Http.Json;
using System.Text.Json;
using Shop.Contracts;
using Shop.Contracts.Orders;
using Shop.Messaging.Kafka;
using Shop.Orders.Tests.Support;

namespace Shop.Orders.Tests.Handlers;

[Collection(OrdersAppCollection.Name)]
public sealed class SagaCommandHandlerTests(OrdersApp app)
{
    private static readonly DateTimeOffset At = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Progress_and_completion_show_in_the_order_and_publish_OrderCompleted()
    {
        var id = await SubmitAsync();

        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded, At.AddSeconds(1)));
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.ChargingPayment, SagaSteps.Charge, StepStatuses.Started, At.AddSeconds(2)));
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.Completing, SagaSteps.Complete, StepStatuses.Started, At.AddSeconds(3)));
        await app.Services.HandleAsync(new CompleteOrder(id));
        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.Completing, SagaSteps.Complete, StepStatuses.Started, At.AddSeconds(4)));

        var order = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        order.GetProperty("status").GetString().Should().Be(OrderStates.Completed);
        order.GetProperty("reason").ValueKind.Should().Be(JsonValueKind.Null);
        var timeline = order.GetProperty("timeline").EnumerateArray()
            .Select(e => (e.GetProperty("step").GetString(), e.GetProperty("status").GetString(), e.GetProperty("at").GetDateTimeOffset()))
            .ToList();
        timeline.Take(2).Should().Equal(
            (SagaSteps.Reserve, StepStatuses.Succeeded, At.AddSeconds(1)),
            (SagaSteps.Charge, StepStatuses.Started, At.AddSeconds(2)));
        // Completing the order completes its step, whatever the saga reports about it afterwards.
        timeline.Skip(2).Select(e => (e.Item1, e.Item2)).Should().Equal((SagaSteps.Complete, StepStatuses.Succeeded));
        (await app.OutboxAsync(id)).Select(m => m.Type).Should().Equal("orders.order-submitted.v1", "orders.order-completed.v1");
    }

    [Fact]
    public async Task Progress_of_whole_saga_events_and_completion_give_the_timeline_the_per_step_records_gave()
    {
        var id = await SubmitAsync();

        // What the orchestrator sends for a paid order: one record per saga event, then CompleteOrder, and nothing for
        // the complete step once the order is done.
        await app.Services.HandleAsync(new RecordOrderProgressV2(id, OrderStates.ReservingStock, [new(SagaSteps.Reserve, StepStatuses.Started)], At));
        await app.Services.HandleAsync(new RecordOrderProgressV2(
            id, OrderStates.ChargingPayment, [new(SagaSteps.Reserve, StepStatuses.Succeeded), new(SagaSteps.Charge, StepStatuses.Started)], At.AddSeconds(1)));
        await app.Services.HandleAsync(new RecordOrderProgressV2(
            id, OrderStates.CommittingStock, [new(SagaSteps.Charge, StepStatuses.Succeeded), new(SagaSteps.Commit, StepStatuses.Started)], At.AddSeconds(2)));
        await app.Services.HandleAsync(new RecordOrderProgressV2(
            id, OrderStates.Completing, [new(SagaSteps.Commit, StepStatuses.Succeeded), new(SagaSteps.Complete, StepStatuses.Started)], At.AddSeconds(3)));
        await app.Services.HandleAsync(new CompleteOrder(id));

        var order = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        order.GetProperty("status").GetString().Should().Be(OrderStates.Completed);
        order.GetProperty("timeline").EnumerateArray()
            .Select(e => (e.GetProperty("step").GetString(), e.GetProperty("status").GetString()))
            .Should().Equal(
                (SagaSteps.Reserve, StepStatuses.Succeeded),
                (SagaSteps.Charge, StepStatuses.Succeeded),
                (SagaSteps.Commit, StepStatuses.Succeeded),
                (SagaSteps.Complete, StepStatuses.Succeeded));
        (await app.OutboxAsync(id)).Select(m => m.Type).Should().Equal("orders.order-submitted.v1", "orders.order-completed.v1");
    }

    [Fact]
    public async Task A_cancelled_order_shows_the_failed_step_and_the_cancel_step_without_a_report_of_it()
    {
        var id = await SubmitAsync();

        await app.Services.HandleAsync(new RecordOrderProgressV2(id, OrderStates.ReservingStock, [new(SagaSteps.Reserve, StepStatuses.Started)], At));
        await app.Services.HandleAsync(new RecordOrderProgressV2(id, OrderStates.Cancelled, [new(SagaSteps.Reserve, StepStatuses.Failed)], At.AddSeconds(1)));
        await app.Services.HandleAsync(new CancelOrder(id, CancellationReasons.OutOfStock));

        var order = await app.Services.OrderAsync(id);
        (order.Status, order.Reason).Should().Be((OrderStates.Cancelled, CancellationReasons.OutOfStock));
        order.Timeline.OrderBy(e => e.Sequence).Select(e => (e.Step, e.Status)).Should().Equal(
            (SagaSteps.Reserve, StepStatuses.Failed),
            (SagaSteps.Cancel, StepStatuses.Succeeded));
    }

    [Fact]
    public async Task A_redelivered_CompleteOrder_changes_nothing_and_publishes_OrderCompleted_again()
    {
        var id = await SubmitAsync();
        await app.Services.HandleAsync(new CompleteOrder(id));
        var completed = await app.Services.OrderAsync(id);

        await app.Services.HandleAsync(new CompleteOrder(id));

        var again = await app.Services.OrderAsync(id);
        (again.Status, again.UpdatedAt).Should().Be((completed.Status, completed.UpdatedAt));
        (await app.OutboxAsync(id)).Select(m => m.Type)
            .Should().Equal("orders.order-submitted.v1", "orders.order-completed.v1", "orders.order-completed.v1");
    }

    [Fact]
    public async Task CancelOrder_cancels_with_the_reason_and_a_redelivery_republishes_the_first_reason()
    {
        var id = await SubmitAsync();

        await app.Services.HandleAsync(new CancelOrder(id, CancellationReasons.OutOfStock));
        await app.Services.HandleAsync(new CancelOrder(id, CancellationReasons.PaymentTimeout));

        var order = await app.Services.OrderAsync(id);
        (order.Status, order.Reason).Should().Be((OrderStates.Cancelled, CancellationReasons.OutOfStock));
        var cancelled = (await app.OutboxAsync(id)).Where(m => m.Type == "orders.order-cancelled.v1").ToList();
        cancelled.Should().HaveCount(2);
        cancelled.Should().AllSatisfy(m => m.Payload.GetProperty("reason").GetString().Should().Be(CancellationReasons.OutOfStock));
    }

    [Fact]
    public async Task A_terminal_order_ignores_the_other_terminal_command_and_publishes_nothing()
    {
        var completed = await SubmitAsync();
        await app.Services.HandleAsync(new CompleteOrder(completed));
        var cancelled = await SubmitAsync();
        await app.Services.HandleAsync(new CancelOrder(cancelled, CancellationReasons.OutOfStock));

        await app.Services.HandleAsync(new CancelOrder(completed, CancellationReasons.CustomerCancelled));
        await app.Services.HandleAsync(new CompleteOrder(cancelled));

        (await app.Services.OrderAsync(completed)).Status.Should().Be(OrderStates.Completed);
        (await app.Services.OrderAsync(cancelled)).Status.Should().Be(OrderStates.Cancelled);
        (await app.OutboxAsync(completed)).Should().HaveCount(2);
        (await app.OutboxAsync(cancelled)).Should().HaveCount(2);
    }

    [Fact]
    public async Task A_compensation_reported_after_the_cancel_still_shows_on_the_timeline()
    {
        var id = await SubmitAsync();
        await app.Services.HandleAsync(new CancelOrder(id, CancellationReasons.PaymentTimeout));

        await app.Services.HandleAsync(new RecordOrderProgress(id, OrderStates.Cancelled, SagaSteps.Refund, StepStatuses.Succeeded, At));

        var order = await app.Services.OrderAsync(id);
        order.Status.Should().Be(OrderStates.Cancelled);
        order.Timeline.Should().ContainSingle(e => e.Step == SagaSteps.Refund && e.Status == StepStatuses.Succeeded);
    }

    [Fact]
    public async Task A_command_for_an_unknown_order_is_permanent()
    {
        var unknown = Guid.NewGuid();

        var progress = () => app.Services.HandleAsync(new RecordOrderProgress(unknown, OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, At));
        var progressV2 = () => app.Services.HandleAsync(
            new RecordOrderProgressV2(unknown, OrderStates.ReservingStock, [new(SagaSteps.Reserve, StepStatuses.Started)], At));
        var complete = () => app.Services.HandleAsync(new CompleteOrder(unknown));
        var cancel = () => app.Services.HandleAsync(new CancelOrder(unknown, CancellationReasons.OutOfStock));

        (await progress.Should().ThrowAsync<PermanentMessageException>()).Which.Reason.Should().Be("unknown-order");
        (await progressV2.Should().ThrowAsync<PermanentMessageException>()).Which.Reason.Should().Be("unknown-order");
        await complete.Should().ThrowAsync<PermanentMessageException>();
        await cancel.Should().ThrowAsync<PermanentMessageException>();
        (await app.OutboxAsync(unknown)).Should().BeEmpty();
    }

    private async Task<Guid> SubmitAsync()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders")
        {
            Content = JsonContent.Create(new { customerId = "handler-tests", items = new[] { new { sku = "sku-a", quantity = 1 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetGuid();
    }
}
