using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_the_stock_reservation_fails : SagaScenarioTest
{
    [Fact]
    public async Task Should_cancel_the_order_as_out_of_stock_with_nothing_to_undo()
    {
        await Scenario.SubmitAsync();

        await Scenario.StockReservationFailedAsync("OutOfStock");

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.State.Reason.Should().Be(CancellationReasons.OutOfStock);
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.OutOfStock));
        Scenario.Published<ChargePayment>().Should().BeEmpty();
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
        Scenario.ProgressRecords.Should().Equal("ReservingStock: reserve Started", "Cancelled: reserve Failed");
        Scenario.SentToOrders.Should().Equal(nameof(RecordOrderProgressV2), nameof(RecordOrderProgressV2), nameof(CancelOrder));
        Scenario.State.Deadline.Should().BeNull();
        Scenario.State.AwaitingStockReply.Should().BeFalse();
    }

    [Fact]
    public async Task Should_cancel_the_order_as_invalid_when_a_sku_is_unknown()
    {
        await Scenario.SubmitAsync();

        await Scenario.StockReservationFailedAsync("UnknownSku");

        (await Scenario.Saga.Exists(Scenario.OrderId, m => m.Cancelled)).Should().NotBeNull();
        Scenario.State.Reason.Should().Be(CancellationReasons.Invalid);
        Scenario.Published<CancelOrder>().Should().Equal(new CancelOrder(Scenario.OrderId, CancellationReasons.Invalid));
    }

    [Fact]
    public async Task Should_ignore_duplicate_and_stray_replies_once_cancelled()
    {
        await Scenario.SubmitAsync();
        await Scenario.StockReservationFailedAsync();

        await Scenario.StockReservationFailedAsync();
        await Scenario.PaymentDeclinedAsync();

        Scenario.Published<CancelOrder>().Should().HaveCount(1);
        Scenario.Published<RefundPayment>().Should().BeEmpty();
        Scenario.Published<ReleaseStock>().Should().BeEmpty();
    }
}
