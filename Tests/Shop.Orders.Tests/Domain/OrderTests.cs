using Shop.Contracts;
using Shop.Orders.Domain;

namespace Shop.Orders.Tests.Domain;

public sealed class OrderTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Submit_numbers_the_lines_in_the_given_order_and_sums_the_total()
    {
        var order = NewOrder();

        order.Status.Should().Be(OrderStates.Submitted);
        order.Lines.Select(l => (l.LineNo, l.Sku, l.Quantity, l.UnitPrice))
            .Should().Equal((1, "B", 2, 1.25m), (2, "A", 1, 10.10m));
        order.Total.Should().Be(12.60m);
        order.CreatedAt.Should().Be(Start);
        order.UpdatedAt.Should().Be(Start);
        order.Timeline.Should().BeEmpty();
    }

    [Fact]
    public void Submit_keeps_timestamps_in_utc_at_microsecond_precision_as_postgres_stores_them()
    {
        var local = new DateTimeOffset(2026, 11, 21, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(1234567);

        var order = Order.Submit(Guid.CreateVersion7(), "c", [new PricedOrderLine("A", 1, 1m)], "key", "hash", local);

        order.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        order.CreatedAt.Should().Be(local.AddTicks(-7));
    }

    [Fact]
    public void Progress_follows_the_saga_and_adds_one_timeline_entry_per_step()
    {
        var order = NewOrder();

        order.RecordProgress(OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, Start.AddSeconds(1));
        order.RecordProgress(OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded, Start.AddSeconds(2));
        order.RecordProgress(OrderStates.ChargingPayment, SagaSteps.Charge, StepStatuses.Started, Start.AddSeconds(3));

        order.Status.Should().Be(OrderStates.ChargingPayment);
        order.UpdatedAt.Should().Be(Start.AddSeconds(3));
        order.Timeline.OrderBy(e => e.Sequence).Select(e => (e.Step, e.Status, e.At)).Should().Equal(
            (SagaSteps.Reserve, StepStatuses.Succeeded, Start.AddSeconds(2)),
            (SagaSteps.Charge, StepStatuses.Started, Start.AddSeconds(3)));
    }

    [Fact]
    public void Progress_of_one_saga_event_applies_its_steps_in_order_and_takes_its_state()
    {
        var order = NewOrder();
        order.RecordProgress(OrderStates.ReservingStock, [new(SagaSteps.Reserve, StepStatuses.Started)], Start.AddSeconds(1));

        order.RecordProgress(
            OrderStates.ChargingPayment,
            [new(SagaSteps.Reserve, StepStatuses.Succeeded), new(SagaSteps.Charge, StepStatuses.Started)],
            Start.AddSeconds(2));

        order.Status.Should().Be(OrderStates.ChargingPayment);
        order.UpdatedAt.Should().Be(Start.AddSeconds(2));
        order.Timeline.OrderBy(e => e.Sequence).Select(e => (e.Step, e.Sequence, e.Status, e.At)).Should().Equal(
            (SagaSteps.Reserve, 1, StepStatuses.Succeeded, Start.AddSeconds(2)),
            (SagaSteps.Charge, 2, StepStatuses.Started, Start.AddSeconds(2)));
    }

    [Fact]
    public void Progress_with_a_blank_step_is_refused_before_any_step_is_applied()
    {
        var order = NewOrder();
        var before = Snapshot(order);

        order.Invoking(o => o.RecordProgress(
                OrderStates.ChargingPayment,
                [new(SagaSteps.Reserve, StepStatuses.Succeeded), new(" ", StepStatuses.Started)],
                Start.AddSeconds(1)))
            .Should().Throw<ArgumentException>();

        Snapshot(order).Should().Be(before);
        order.Timeline.Should().BeEmpty();
    }

    [Fact]
    public void A_complete_step_reported_as_started_after_completion_does_not_slide_back()
    {
        var order = NewOrder();
        order.Complete(Start.AddSeconds(5));

        order.RecordProgress(
            OrderStates.Completing,
            [new(SagaSteps.Commit, StepStatuses.Succeeded), new(SagaSteps.Complete, StepStatuses.Started)],
            Start.AddSeconds(4));

        order.Status.Should().Be(OrderStates.Completed);
        order.Timeline.Select(e => (e.Step, e.Status)).Should().Equal(
            (SagaSteps.Complete, StepStatuses.Succeeded),
            (SagaSteps.Commit, StepStatuses.Succeeded));
    }

    [Fact]
    public void Recording_the_same_progress_twice_changes_nothing()
    {
        var order = NewOrder();
        order.RecordProgress(OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, Start.AddSeconds(1));
        var before = Snapshot(order);

        order.RecordProgress(OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started, Start.AddSeconds(1));

        Snapshot(order).Should().Be(before);
    }

    [Fact]
    public void Progress_never_makes_an_order_terminal_by_itself()
    {
        var order = NewOrder();
        order.RecordProgress(OrderStates.Compensating, SagaSteps.Release, StepStatuses.Started, Start.AddSeconds(1));

        order.RecordProgress(OrderStates.Cancelled, SagaSteps.Cancel, StepStatuses.Succeeded, Start.AddSeconds(2));

        // Cancelled comes with CancelOrder, which carries the reason; the step is still on the timeline.
        order.Status.Should().Be(OrderStates.Compensating);
        order.Reason.Should().BeNull();
        order.Timeline.Select(e => e.Step).Should().Equal(SagaSteps.Release, SagaSteps.Cancel);
    }

    [Fact]
    public void A_late_compensation_after_cancel_shows_on_the_timeline_but_keeps_the_status()
    {
        var order = NewOrder();
        order.Cancel(CancellationReasons.PaymentTimeout, Start.AddSeconds(5));

        order.RecordProgress(OrderStates.Compensating, SagaSteps.Refund, StepStatuses.Succeeded, Start.AddSeconds(9));

        order.Status.Should().Be(OrderStates.Cancelled);
        order.Reason.Should().Be(CancellationReasons.PaymentTimeout);
        order.Timeline.Should().ContainSingle(e => e.Step == SagaSteps.Refund && e.Status == StepStatuses.Succeeded);
        order.UpdatedAt.Should().Be(Start.AddSeconds(9));
    }

    [Fact]
    public void Complete_is_idempotent()
    {
        var order = NewOrder();

        order.Complete(Start.AddSeconds(1)).Should().Be(TerminalTransition.Applied);
        order.Complete(Start.AddSeconds(2)).Should().Be(TerminalTransition.AlreadyDone);

        order.Status.Should().Be(OrderStates.Completed);
        order.UpdatedAt.Should().Be(Start.AddSeconds(1));
    }

    [Fact]
    public void Cancel_is_idempotent_and_keeps_the_first_reason()
    {
        var order = NewOrder();

        order.Cancel(CancellationReasons.OutOfStock, Start.AddSeconds(1)).Should().Be(TerminalTransition.Applied);
        order.Cancel(CancellationReasons.CustomerCancelled, Start.AddSeconds(2)).Should().Be(TerminalTransition.AlreadyDone);

        order.Status.Should().Be(OrderStates.Cancelled);
        order.Reason.Should().Be(CancellationReasons.OutOfStock);
    }

    [Fact]
    public void A_completed_order_cannot_be_cancelled()
    {
        var order = NewOrder();
        order.Complete(Start.AddSeconds(1));

        order.Cancel(CancellationReasons.CustomerCancelled, Start.AddSeconds(2)).Should().Be(TerminalTransition.Conflict);

        order.Status.Should().Be(OrderStates.Completed);
        order.Reason.Should().BeNull();
    }

    [Fact]
    public void A_cancelled_order_cannot_be_completed()
    {
        var order = NewOrder();
        order.Cancel(CancellationReasons.OutOfStock, Start.AddSeconds(1));

        order.Complete(Start.AddSeconds(2)).Should().Be(TerminalTransition.Conflict);

        order.Status.Should().Be(OrderStates.Cancelled);
        order.Reason.Should().Be(CancellationReasons.OutOfStock);
    }

    [Fact]
    public void Progress_does_not_move_a_terminal_order()
    {
        var order = NewOrder();
        order.Complete(Start.AddSeconds(1));

        order.RecordProgress(OrderStates.Compensating, SagaSteps.Release, StepStatuses.Started, Start.AddSeconds(2));

        order.Status.Should().Be(OrderStates.Completed);
    }

    [Theory]
    [InlineData(OrderStates.Submitted)]
    [InlineData(OrderStates.ReservingStock)]
    [InlineData(OrderStates.ChargingPayment)]
    [InlineData(OrderStates.CommittingStock)]
    [InlineData(OrderStates.Completing)]
    [InlineData(OrderStates.Compensating)]
    public void Cancellation_may_be_requested_while_the_order_is_not_terminal(string state)
    {
        var order = NewOrder();
        if (state != OrderStates.Submitted)
        {
            order.RecordProgress(state, SagaSteps.Reserve, StepStatuses.Started, Start.AddSeconds(1));
        }

        var before = Snapshot(order);

        order.Invoking(o => o.RequestCancellation()).Should().NotThrow();
        Snapshot(order).Should().Be(before);
    }

    [Fact]
    public void Cancellation_of_a_terminal_order_is_refused()
    {
        var completed = NewOrder();
        completed.Complete(Start);
        var cancelled = NewOrder();
        cancelled.Cancel(CancellationReasons.OutOfStock, Start);

        completed.Invoking(o => o.RequestCancellation()).Should().Throw<OrderStateException>();
        cancelled.Invoking(o => o.RequestCancellation()).Should().Throw<OrderStateException>();
    }

    private static Order NewOrder() => Order.Submit(
        Guid.CreateVersion7(), "customer-1", [new PricedOrderLine("B", 2, 1.25m), new PricedOrderLine("A", 1, 10.10m)], "key-1", "hash-1", Start);

    private static string Snapshot(Order order) =>
        $"{order.Status}|{order.Reason}|{order.UpdatedAt:O}|" +
        string.Join(";", order.Timeline.OrderBy(e => e.Sequence).Select(e => $"{e.Sequence}:{e.Step}:{e.Status}:{e.At:O}"));
}
