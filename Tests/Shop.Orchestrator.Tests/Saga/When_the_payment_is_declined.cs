using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_the_payment_is_declined : SagaScenarioTest
{
    [Fact]
    public async Task Should_release_the_stock()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        await Scenario.PaymentDeclinedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Compensating)).Should().NotBeNull();
        Scenario.Published<ReleaseStock>().Should().Equal(new ReleaseStock(Scenario.OrderId));
        Scenario.Published<RefundPayment>().Should().BeEmpty("nothing was charged");
        Scenario.ProgressRecords.Should().EndWith("Compensating: charge Failed, release Started");
        Scenario.State.Reason.Should().Be(CancellationReasons.PaymentDeclined);
        Scenario.State.Deadline.Should().BeNull();
    }

    [Fact]
    public async Task Should_not_cancel_the_order_before_the_stock_is_released()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        await Scenario.PaymentDeclinedAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.Compensating);
        Scenario.Published<CancelOrder>().Should().BeEmpty();
    }

    [Fact]
    public async Task Should_cancel_the_order_once_the_stock_is_released()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.PaymentDeclinedAsync();

        await Scenario.StockReleasedAsync();

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.PaymentDeclined));
        Scenario.ProgressRecords.Should().EndWith("Compensating: release Succeeded");
        // No "cancel: Succeeded" after CancelOrder: cancelling the order records it in the orders service.
        Scenario.SentToOrders.Should().EndWith([nameof(RecordOrderProgressV2), nameof(CancelOrder)]);
        Scenario.State.StockReleased.Should().BeTrue();
    }

    [Fact]
    public async Task Should_cancel_once_even_if_the_release_is_confirmed_twice()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        await Scenario.PaymentDeclinedAsync();

        await Scenario.StockReleasedAsync();
        await Scenario.StockReleasedAsync();
        await Scenario.PaymentDeclinedAsync();

        Scenario.Published<CancelOrder>().Should().HaveCount(1);
        Scenario.Published<ReleaseStock>().Should().HaveCount(1);
        Scenario.State.CurrentState.Should().Be(OrderStates.Cancelled);
    }
}
