using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_the_customer_cancels : SagaScenarioTest
{
    [Fact]
    public async Task Should_wait_for_an_in_flight_reservation_while_reserving_and_release_it()
    {
        await Scenario.SubmitAsync();
        var deadline = Scenario.State.Deadline;

        await Scenario.CancellationRequestedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Compensating)).Should().NotBeNull();
        Scenario.State.Reason.Should().Be(CancellationReasons.CustomerCancelled);
        Scenario.State.AwaitingStockReply.Should().BeTrue();
        Scenario.State.Deadline.Should().Be(deadline, "the reserve reply is still awaited until its deadline");
        Scenario.Published<CancelOrder>().Should().BeEmpty();
        Scenario.ProgressRecords.Should().EndWith("Compensating: cancel Started");

        await Scenario.StockReservedAsync();

        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.Published<ChargePayment>().Should().BeEmpty();
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating);
        Scenario.State.Deadline.Should().BeNull();

        await Scenario.StockReleasedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.CustomerCancelled));
        Scenario.ProgressRecords.Should().Equal(
            "ReservingStock: reserve Started",
            "Compensating: cancel Started",
            "Compensating: reserve Succeeded, release Started",
            "Compensating: release Succeeded");
    }

    [Fact]
    public async Task Should_release_the_stock_while_charging_in_the_event_that_reports_the_cancellation()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        await Scenario.CancellationRequestedAsync();

        Scenario.ProgressRecords.Should().EndWith("Compensating: cancel Started, release Started");
    }

    [Fact]
    public async Task Should_cancel_at_once_while_reserving_when_the_reservation_then_fails()
    {
        await Scenario.SubmitAsync();
        await Scenario.CancellationRequestedAsync();

        await Scenario.StockReservationFailedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.CustomerCancelled));
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
        Scenario.Progress.Should().Contain((OrderStates.Compensating, SagaSteps.Reserve, StepStatuses.Failed));
    }

    [Fact]
    public async Task Should_stop_waiting_while_reserving_when_the_deadline_passes()
    {
        await Scenario.SubmitAsync();
        await Scenario.CancellationRequestedAsync();

        await Scenario.ExpireDeadlineAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.CustomerCancelled));
        Scenario.Progress.Should().Contain((OrderStates.Compensating, SagaSteps.Reserve, StepStatuses.TimedOut));

        await Scenario.StockReservedAsync();

        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
    }

    [Fact]
    public async Task Should_release_the_stock_while_charging_and_refund_a_charge_that_still_comes()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        var deadline = Scenario.State.Deadline;

        await Scenario.CancellationRequestedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Compensating)).Should().NotBeNull();
        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.State.AwaitingPaymentReply.Should().BeTrue();
        Scenario.State.Deadline.Should().Be(deadline);

        await Scenario.PaymentChargedAsync();

        Scenario.Published<RefundPayment>().Should().Equal(new RefundPayment(Scenario.OrderId));
        Scenario.Published<CommitStock>().Should().BeEmpty();

        await Scenario.StockReleasedAsync();
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating);
        await Scenario.PaymentRefundedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.CustomerCancelled));
    }

    [Fact]
    public async Task Should_cancel_while_charging_once_the_stock_is_released_and_the_charge_declined()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.CancellationRequestedAsync();

        await Scenario.StockReleasedAsync();
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating, "the charge reply is still awaited");
        await Scenario.PaymentDeclinedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<RefundPayment>().Should().BeEmpty();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.CustomerCancelled));
    }

    [Fact]
    public async Task Should_cancel_while_charging_once_the_charge_deadline_passes()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.CancellationRequestedAsync();
        await Scenario.StockReleasedAsync();

        await Scenario.ExpireDeadlineAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.State.Reason.Should().Be(CancellationReasons.CustomerCancelled);
        Scenario.Progress.Should().Contain((OrderStates.Compensating, SagaSteps.Charge, StepStatuses.TimedOut));
    }

    [Fact]
    public async Task Should_be_ignored_while_committing_and_the_order_completes()
    {
        await Scenario.AdvanceToAsync(OrderStates.CommittingStock);

        await Scenario.CancellationRequestedAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.CommittingStock);
        Scenario.State.Reason.Should().BeNull();
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
        Scenario.Published<RefundPayment>().Should().BeEmpty();

        await Scenario.StockCommittedAsync();
        await Scenario.OrderCompletedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Completed)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().BeEmpty();
    }

    [Fact]
    public async Task Should_be_ignored_while_completing()
    {
        await Scenario.AdvanceToAsync(OrderStates.Completing);
        var commands = Scenario.Commands.Count;

        await Scenario.CancellationRequestedAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.Completing);
        Scenario.Commands.Should().HaveCount(commands);
    }
}
