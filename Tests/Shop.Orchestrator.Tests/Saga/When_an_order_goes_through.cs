using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_an_order_goes_through : IAsyncLifetime
{
    private SagaScenario _scenario = null!;

    public async Task InitializeAsync() => _scenario = await SagaScenario.StartAsync();

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public async Task Should_reserve_the_stock_first()
    {
        await _scenario.SubmitAsync();

        (await _scenario.Saga.Exists(_scenario.OrderId, m => m.ReservingStock)).Should().NotBeNull();
        _scenario.Published<ReserveStock>().Should().ContainSingle()
            .Which.Lines.Should().Equal(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1));
        _scenario.Progress.Should().Equal((OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started));
        var saga = _scenario.State;
        saga.CustomerId.Should().Be(SagaScenario.CustomerId);
        saga.Total.Should().Be(SagaScenario.Total);
        saga.Lines.Should().Contain("SKU-1").And.Contain("SKU-2");
        saga.AwaitingStockReply.Should().BeTrue();
        saga.Deadline.Should().Be(_scenario.Time.GetUtcNow() + SagaScenario.ReserveTimeout);
        saga.CreatedAt.Should().Be(_scenario.Time.GetUtcNow());
    }

    [Fact]
    public async Task Should_charge_the_payment_once_the_stock_is_reserved()
    {
        await _scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        _scenario.State.CurrentState.Should().Be(OrderStates.ChargingPayment);
        _scenario.Published<ChargePayment>().Should().Equal(new ChargePayment(_scenario.OrderId, SagaScenario.CustomerId, SagaScenario.Total));
        _scenario.Progress.Should().EndWith(
        [
            (OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded),
            (OrderStates.ChargingPayment, SagaSteps.Charge, StepStatuses.Started),
        ]);
        _scenario.State.StockReserved.Should().BeTrue();
        _scenario.State.AwaitingStockReply.Should().BeFalse();
        _scenario.State.AwaitingPaymentReply.Should().BeTrue();
        _scenario.State.Deadline.Should().Be(_scenario.Time.GetUtcNow() + SagaScenario.ChargeTimeout);
    }

    [Fact]
    public async Task Should_commit_the_stock_once_the_payment_is_charged()
    {
        await _scenario.AdvanceToAsync(OrderStates.CommittingStock);

        _scenario.State.CurrentState.Should().Be(OrderStates.CommittingStock);
        _scenario.Published<CommitStock>().Should().Equal(new CommitStock(_scenario.OrderId));
        _scenario.Progress.Should().EndWith(
        [
            (OrderStates.CommittingStock, SagaSteps.Charge, StepStatuses.Succeeded),
            (OrderStates.CommittingStock, SagaSteps.Commit, StepStatuses.Started),
        ]);
        _scenario.State.PaymentCharged.Should().BeTrue();
        _scenario.State.AwaitingPaymentReply.Should().BeFalse();
        _scenario.State.Deadline.Should().Be(_scenario.Time.GetUtcNow() + SagaScenario.CommitTimeout);
    }

    [Fact]
    public async Task Should_complete_the_order_once_the_stock_is_committed()
    {
        await _scenario.AdvanceToAsync(OrderStates.Completing);

        _scenario.State.CurrentState.Should().Be(OrderStates.Completing);
        _scenario.Published<CompleteOrder>().Should().Equal(new CompleteOrder(_scenario.OrderId));
        _scenario.Progress.Should().EndWith(
        [
            (OrderStates.Completing, SagaSteps.Commit, StepStatuses.Succeeded),
            (OrderStates.Completing, SagaSteps.Complete, StepStatuses.Started),
        ]);
        _scenario.State.Deadline.Should().BeNull("completion cannot fail, so nothing times out");
    }

    [Fact]
    public async Task Should_end_completed_with_every_step_sent_once_and_nothing_compensated()
    {
        await _scenario.AdvanceToAsync(OrderStates.Completed);

        (await _scenario.Saga.Exists(_scenario.OrderId, m => m.Completed)).Should().NotBeNull();
        _scenario.Published<ReserveStock>().Should().HaveCount(1);
        _scenario.Published<ChargePayment>().Should().HaveCount(1);
        _scenario.Published<CommitStock>().Should().HaveCount(1);
        _scenario.Published<CompleteOrder>().Should().HaveCount(1);
        _scenario.Published<ReleaseStock>().Should().BeEmpty();
        _scenario.Published<RefundPayment>().Should().BeEmpty();
        _scenario.Published<CancelOrder>().Should().BeEmpty();
        _scenario.Progress.Should().Equal(
            (OrderStates.ReservingStock, SagaSteps.Reserve, StepStatuses.Started),
            (OrderStates.ChargingPayment, SagaSteps.Reserve, StepStatuses.Succeeded),
            (OrderStates.ChargingPayment, SagaSteps.Charge, StepStatuses.Started),
            (OrderStates.CommittingStock, SagaSteps.Charge, StepStatuses.Succeeded),
            (OrderStates.CommittingStock, SagaSteps.Commit, StepStatuses.Started),
            (OrderStates.Completing, SagaSteps.Commit, StepStatuses.Succeeded),
            (OrderStates.Completing, SagaSteps.Complete, StepStatuses.Started));
        _scenario.State.Reason.Should().BeNull();
        _scenario.State.Deadline.Should().BeNull();
    }

    [Fact]
    public async Task Should_report_each_event_in_one_progress_record_before_the_command_that_completes_the_order()
    {
        await _scenario.AdvanceToAsync(OrderStates.Completed);

        _scenario.ProgressRecords.Should().Equal(
            "ReservingStock: reserve Started",
            "ChargingPayment: reserve Succeeded, charge Started",
            "CommittingStock: charge Succeeded, commit Started",
            "Completing: commit Succeeded, complete Started");
        // No "complete: Succeeded" after OrderCompleted: completing the order recorded it in the orders service.
        _scenario.SentToOrders.Should().Equal(
            nameof(RecordOrderProgressV2), nameof(RecordOrderProgressV2), nameof(RecordOrderProgressV2), nameof(RecordOrderProgressV2),
            nameof(CompleteOrder));
    }

    [Fact]
    public async Task Should_ignore_whatever_comes_after_completion()
    {
        await _scenario.AdvanceToAsync(OrderStates.Completed);
        var commands = _scenario.Commands.Count;

        await _scenario.CancellationRequestedAsync();
        await _scenario.PaymentChargedAsync();
        await _scenario.StockReservedAsync();
        await _scenario.SubmitAsync();

        _scenario.State.CurrentState.Should().Be(OrderStates.Completed);
        _scenario.Commands.Should().HaveCount(commands);
    }
}
