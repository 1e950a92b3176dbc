using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_a_step_times_out : SagaScenarioTest
{
    [Fact]
    public async Task Should_cancel_an_unanswered_reservation_with_nothing_to_undo()
    {
        await Scenario.SubmitAsync();

        await Scenario.ExpireDeadlineAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.State.Reason.Should().Be(CancellationReasons.ReservationTimeout);
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.ReservationTimeout));
        Scenario.Published<ReleaseStock>().Should().BeEmpty("nothing is known to be held");
        Scenario.ProgressRecords.Should().Equal("ReservingStock: reserve Started", "Cancelled: reserve TimedOut");
        Scenario.SentToOrders.Should().EndWith([nameof(RecordOrderProgressV2), nameof(CancelOrder)], "the timeline says why before the order reads Cancelled");
        Scenario.State.Deadline.Should().BeNull();
    }

    [Fact]
    public async Task Should_release_a_reservation_that_succeeds_after_its_timeout_exactly_once()
    {
        await Scenario.SubmitAsync();
        await Scenario.ExpireDeadlineAsync();

        await Scenario.StockReservedAsync();
        await Scenario.StockReservedAsync();

        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.Published<ChargePayment>().Should().BeEmpty();
        Scenario.State.CurrentState.Should().Be(OrderStates.Cancelled);
        Scenario.State.StockReserved.Should().BeTrue();
        Scenario.ProgressRecords.Should().EndWith("Cancelled: reserve Succeeded, release Started");

        await Scenario.StockReleasedAsync();

        Scenario.State.StockReleased.Should().BeTrue();
        Scenario.ProgressRecords.Should().EndWith("Cancelled: release Succeeded");
        Scenario.Published<CancelOrder>().Should().HaveCount(1);
    }

    [Fact]
    public async Task Should_release_the_stock_when_the_charge_is_unanswered_and_not_refund()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        await Scenario.ExpireDeadlineAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Compensating)).Should().NotBeNull();
        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.Published<RefundPayment>().Should().BeEmpty("nothing is known to be charged");
        Scenario.Published<CancelOrder>().Should().BeEmpty("the release is not confirmed yet");
        Scenario.State.Reason.Should().Be(CancellationReasons.PaymentTimeout);
        Scenario.State.AwaitingPaymentReply.Should().BeFalse();
        Scenario.State.Deadline.Should().BeNull();
        Scenario.ProgressRecords.Should().EndWith("Compensating: charge TimedOut, release Started");

        await Scenario.StockReleasedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.PaymentTimeout));
    }

    [Fact]
    public async Task Should_refund_a_charge_that_succeeds_after_its_timeout_exactly_once_even_if_delivered_twice()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.ExpireDeadlineAsync();
        await Scenario.StockReleasedAsync();

        await Scenario.PaymentChargedAsync();
        await Scenario.PaymentChargedAsync();

        Scenario.Published<RefundPayment>().Should().Equal(new RefundPayment(Scenario.OrderId));
        Scenario.Published<CommitStock>().Should().BeEmpty();
        Scenario.State.CurrentState.Should().Be(OrderStates.Cancelled);
        Scenario.State.PaymentCharged.Should().BeTrue();
        Scenario.ProgressRecords.Should().EndWith("Cancelled: charge Succeeded, refund Started");

        await Scenario.PaymentRefundedAsync();

        Scenario.State.PaymentRefunded.Should().BeTrue();
        Scenario.Published<RefundPayment>().Should().HaveCount(1);
        Scenario.Published<CancelOrder>().Should().HaveCount(1);
    }

    [Fact]
    public async Task Should_refund_a_late_charge_that_arrives_while_still_compensating()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.ExpireDeadlineAsync();

        await Scenario.PaymentChargedAsync();
        await Scenario.PaymentChargedAsync();

        Scenario.Published<RefundPayment>().Should().Equal(new RefundPayment(Scenario.OrderId));
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating);

        await Scenario.StockReleasedAsync();
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating, "the refund is not confirmed yet");
        await Scenario.PaymentRefundedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.PaymentTimeout));
    }

    [Fact]
    public async Task Should_send_the_commit_again_and_wait_instead_of_undoing()
    {
        await Scenario.AdvanceToAsync(OrderStates.CommittingStock);

        await Scenario.ExpireDeadlineAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.CommittingStock);
        Scenario.Published<CommitStock>().Should().HaveCount(2);
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
        Scenario.Published<RefundPayment>().Should().BeEmpty();
        Scenario.State.Deadline.Should().Be(Scenario.Time.GetUtcNow() + SagaScenario.CommitTimeout);

        await Scenario.StockCommittedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Completing)).Should().NotBeNull();
        Scenario.Published<CompleteOrder>().Should().HaveCount(1);
    }

    [Fact]
    public async Task Should_ignore_a_stale_deadline()
    {
        await Scenario.SubmitAsync();
        var reserveDeadline = Scenario.State.Deadline!.Value;
        await Scenario.StockReservedAsync();

        // The sweeper read the reserve deadline just before StockReserved replaced it with the charge deadline.
        Scenario.Time.Advance(SagaScenario.ReserveTimeout);
        await Scenario.PublishAsync(new SagaDeadlineExpired(Scenario.OrderId, reserveDeadline));

        Scenario.State.CurrentState.Should().Be(OrderStates.ChargingPayment);
        Scenario.State.Reason.Should().BeNull();
        Scenario.State.AwaitingPaymentReply.Should().BeTrue();
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
        Scenario.Published<CancelOrder>().Should().BeEmpty();
    }
}
