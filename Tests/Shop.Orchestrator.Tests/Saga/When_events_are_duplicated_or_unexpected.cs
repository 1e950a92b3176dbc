using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Tests.Saga;

public sealed class When_events_are_duplicated_or_unexpected : SagaScenarioTest
{
    [Fact]
    public async Task Should_not_restart_on_a_duplicate_submission()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);

        await Scenario.SubmitAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.ChargingPayment);
        Scenario.Published<ReserveStock>().Should().HaveCount(1);
    }

    [Fact]
    public async Task Should_send_each_step_once_when_every_reply_comes_twice()
    {
        await Scenario.SubmitAsync();
        await Scenario.SubmitAsync();
        await Scenario.StockReservedAsync();
        await Scenario.StockReservedAsync();
        await Scenario.PaymentChargedAsync();
        await Scenario.PaymentChargedAsync();
        await Scenario.StockCommittedAsync();
        await Scenario.StockCommittedAsync();
        await Scenario.OrderCompletedAsync();
        await Scenario.OrderCompletedAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.Completed);
        Scenario.Published<ReserveStock>().Should().HaveCount(1);
        Scenario.Published<ChargePayment>().Should().HaveCount(1);
        Scenario.Published<CommitStock>().Should().HaveCount(1);
        Scenario.Published<CompleteOrder>().Should().HaveCount(1);
        Scenario.Published<RecordOrderProgressV2>().Should().HaveCount(4);
    }

    [Fact]
    public async Task Should_ignore_replies_that_do_not_fit_the_state()
    {
        await Scenario.AdvanceToAsync(OrderStates.ChargingPayment);
        var commands = Scenario.Commands.Count;

        await Scenario.StockCommittedAsync();
        await Scenario.OrderCompletedAsync();
        await Scenario.PaymentRefundedAsync();
        await Scenario.StockReleasedAsync();

        Scenario.State.CurrentState.Should().Be(OrderStates.ChargingPayment);
        Scenario.Commands.Should().HaveCount(commands);
    }

    [Fact]
    public async Task Should_not_create_a_saga_for_a_reply_about_an_unknown_order()
    {
        await Scenario.StockReservedAsync();
        await Scenario.PaymentChargedAsync();

        Scenario.Instance.Should().BeNull();
        Scenario.Commands.Should().BeEmpty();
    }
}
