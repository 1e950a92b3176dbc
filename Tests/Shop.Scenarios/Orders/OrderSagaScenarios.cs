using Shop.Scenarios.Client;

namespace Shop.Scenarios.Orders;

/// <summary>
/// The order saga end to end (issue 3, scenarios a–e), seeded and observed through the HTTP APIs only.
/// Each runner derives a sealed class that supplies its <see cref="IShopSystem"/>.
/// </summary>
public abstract class OrderSagaScenarios(IShopSystem system) : IDisposable
{
    private readonly ShopClient _client = new(system);
    private readonly ScenarioLedger _ledger = new();

    [Fact]
    public async Task Happy_path_completes_and_takes_exactly_the_stock_and_the_money()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 12.50m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);

        // Act
        var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 3));

        // Assert
        var order = await _client.WaitForTerminalAsync(accepted.OrderId, ScenarioTimeouts.Saga);
        order.Status.Should().Be("Completed");
        order.Reason.Should().BeNull();
        order.Total.Should().Be(37.50m);
        order.Items.Should().ContainSingle().Which.Should().Be(new OrderItemDto(sku, 3, 12.50m));
        order.Timeline.Select(e => (e.Step, e.Status)).Should().ContainInOrder(
            ("reserve", "Succeeded"), ("charge", "Succeeded"), ("commit", "Succeeded"), ("complete", "Succeeded"));
        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved, product.Available).Should().Be((7, 0, 7));
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(62.50m);
        (await _client.GetPaymentsAsync(accepted.OrderId)).Should().ContainSingle()
            .Which.Should().Match<PaymentDto>(p => p.Status == "Charged" && p.Amount == 37.50m);
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    [Fact]
    public async Task Not_enough_stock_cancels_the_order_without_charging()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 5m, onHand: 2);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);

        // Act
        var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 3));

        // Assert
        var order = await _client.WaitForTerminalAsync(accepted.OrderId, ScenarioTimeouts.Saga);
        (order.Status, order.Reason).Should().Be(("Cancelled", "OutOfStock"));
        order.Timeline.Should().Contain(e => e.Step == "reserve" && e.Status == "Failed");
        order.Timeline.Should().NotContain(e => e.Step == "charge");
        (await _client.GetPaymentsAsync(accepted.OrderId)).Should().BeEmpty();
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(100m);
        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved).Should().Be((2, 0));
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    [Fact]
    public async Task Declined_payment_cancels_the_order_and_releases_the_stock()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 12.50m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 5m);

        // Act
        var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 1));

        // Assert: Cancelled only once the stock is back.
        var order = await _client.WaitForTerminalAsync(accepted.OrderId, ScenarioTimeouts.Saga);
        (order.Status, order.Reason).Should().Be(("Cancelled", "PaymentDeclined"));
        order.Timeline.Select(e => (e.Step, e.Status)).Should().Contain([("charge", "Failed"), ("release", "Succeeded")]);
        var product = await _client.GetProductAsync(sku);
        (product.OnHand, product.Reserved, product.Available).Should().Be((10, 0, 10));
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(5m);
        (await _client.GetPaymentsAsync(accepted.OrderId)).Should().OnlyContain(p => p.Status == "Declined");
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
    }

    [Fact]
    public async Task Payments_down_times_out_releases_the_stock_and_keeps_no_money_when_it_returns()
    {
        // Arrange
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 20m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 100m);
        await system.StopServiceAsync("payments");
        try
        {
            // Act
            var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 2));

            // Assert: the deadline, kept in the saga row, cancels the order and the reservation is released.
            var order = await _client.WaitForTerminalAsync(accepted.OrderId, system.SagaStepDeadline + ScenarioTimeouts.Saga);
            (order.Status, order.Reason).Should().Be(("Cancelled", "PaymentTimeout"));
            order.Timeline.Select(e => (e.Step, e.Status)).Should().Contain([("charge", "TimedOut"), ("release", "Succeeded")]);
            var product = await _client.GetProductAsync(sku);
            (product.OnHand, product.Reserved, product.Available).Should().Be((10, 0, 10));
        }
        finally
        {
            await system.StartServiceAsync("payments");
        }

        // Payments handles the charge it missed; the late PaymentCharged is refunded.
        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(100m);
    }

    [Fact]
    public async Task Customer_cancel_while_the_charge_is_in_flight_undoes_everything()
    {
        // Arrange: with payments down the saga is sure to be waiting on the charge when the cancel arrives.
        var sku = _ledger.Sku();
        var customer = _ledger.Customer();
        await _ledger.SeedProductAsync(_client, sku, unitPrice: 7.25m, onHand: 10);
        await _ledger.SeedAccountAsync(_client, customer, balance: 50m);
        await system.StopServiceAsync("payments");
        try
        {
            var accepted = await _ledger.PlaceOrderAsync(_client, customer, (sku, 4));
            await _client.WaitForStatusAsync(accepted.OrderId, "ChargingPayment", ScenarioTimeouts.Saga);

            // Act
            using var cancel = await _client.CancelOrderAsync(accepted.OrderId);

            // Assert
            await ShopClient.EnsureAsync(cancel, System.Net.HttpStatusCode.Accepted);
            var order = await _client.WaitForTerminalAsync(accepted.OrderId, system.SagaStepDeadline + ScenarioTimeouts.Saga);
            (order.Status, order.Reason).Should().Be(("Cancelled", "CustomerCancelled"));
            var product = await _client.GetProductAsync(sku);
            (product.OnHand, product.Reserved).Should().Be((10, 0));
        }
        finally
        {
            await system.StartServiceAsync("payments");
        }

        await Invariants.AssertHoldAsync(_client, _ledger, ScenarioTimeouts.Quiet);
        (await _client.GetAccountAsync(customer)).Balance.Should().Be(50m);
    }

    public void Dispose()
    {
        _client.Dispose();
        GC.SuppressFinalize(this);
    }
}
