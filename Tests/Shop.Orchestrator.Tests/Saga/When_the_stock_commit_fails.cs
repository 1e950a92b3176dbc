using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_the_stock_commit_fails : SagaScenarioTest
{
    [Fact]
    public async Task Should_refund_the_payment_and_release_the_stock()
    {
        await Scenario.AdvanceToAsync(OrderStates.CommittingStock);

        await Scenario.StockCommitFailedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Compensating)).Should().NotBeNull();
        Scenario.Published<RefundPayment>().Should().Equal(new RefundPayment(Scenario.OrderId));
        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.Published<CompleteOrder>().Should().BeEmpty();
        Scenario.ProgressRecords.Should().EndWith("Compensating: commit Failed, refund Started, release Started");
        Scenario.State.Reason.Should().Be(CancellationReasons.OutOfStock);
        Scenario.State.Deadline.Should().BeNull();
    }

    [Fact]
    public async Task Should_cancel_only_after_both_compensations_are_confirmed()
    {
        await Scenario.AdvanceToAsync(OrderStates.CommittingStock);
        await Scenario.StockCommitFailedAsync();

        await Scenario.PaymentRefundedAsync();
        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating);
        Scenario.Published<CancelOrder>().Should().BeEmpty();

        await Scenario.StockReleasedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.OutOfStock));
        Scenario.State.PaymentRefunded.Should().BeTrue();
        Scenario.State.StockReleased.Should().BeTrue();
        Scenario.Progress.Should().Contain((OrderStates.Compensating, SagaSteps.Refund, StepStatuses.Succeeded));
    }
}
