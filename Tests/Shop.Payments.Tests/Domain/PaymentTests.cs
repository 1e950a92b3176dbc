using Shop.Payments.Domain;

namespace Shop.Payments.Tests.Domain;

public sealed class PaymentTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddMinutes(5);
    private static readonly Guid OrderId = Guid.CreateVersion7();

    [Fact]
    public void Charge_debits_the_account_and_records_a_charged_payment()
    {
        var account = new Account("alice", 100m, Then);

        var payment = Payment.Charge(OrderId, account, 30m, Now);

        account.Balance.Should().Be(70m);
        payment.Status.Should().Be(PaymentStatus.Charged);
        payment.OrderId.Should().Be(OrderId);
        payment.CustomerId.Should().Be("alice");
        payment.Amount.Should().Be(30m);
        payment.At.Should().Be(Now);
        payment.DeclineReason.Should().BeNull();
        payment.RefundedAt.Should().BeNull();
        payment.PaymentId.Version.Should().Be(7);
    }

    [Fact]
    public void Charge_beyond_the_balance_throws_and_takes_nothing()
    {
        var account = new Account("alice", 10m, Then);

        FluentActions.Invoking(() => Payment.Charge(OrderId, account, 10.01m, Now)).Should().Throw<InsufficientFundsException>();

        account.Balance.Should().Be(10m);
    }

    [Fact]
    public void Refund_gives_the_amount_back_once()
    {
        var account = new Account("alice", 100m, Then);
        var payment = Payment.Charge(OrderId, account, 30m, Then);

        payment.Refund(account, Now);

        account.Balance.Should().Be(100m);
        payment.Status.Should().Be(PaymentStatus.Refunded);
        payment.RefundedAt.Should().Be(Now);
        payment.Invoking(p => p.Refund(account, Now)).Should().Throw<InvalidOperationException>();
        account.Balance.Should().Be(100m);
    }

    [Fact]
    public void Refund_to_another_account_is_refused()
    {
        var alice = new Account("alice", 100m, Then);
        var bob = new Account("bob", 0m, Then);
        var payment = Payment.Charge(OrderId, alice, 30m, Then);

        payment.Invoking(p => p.Refund(bob, Now)).Should().Throw<InvalidOperationException>();

        bob.Balance.Should().Be(0m);
        payment.Status.Should().Be(PaymentStatus.Charged);
    }

    [Fact]
    public void A_declined_payment_cannot_be_refunded()
    {
        var account = new Account("alice", 0m, Then);
        var payment = Payment.Decline(OrderId, "alice", 30m, DeclineReasons.InsufficientFunds, Now);

        payment.Status.Should().Be(PaymentStatus.Declined);
        payment.DeclineReason.Should().Be(DeclineReasons.InsufficientFunds);
        payment.Invoking(p => p.Refund(account, Now)).Should().Throw<InvalidOperationException>();
        account.Balance.Should().Be(0m);
    }

    [Fact]
    public void Void_is_a_declined_payment_of_nothing_with_reason_cancelled()
    {
        var payment = Payment.Void(OrderId, Now);

        payment.Status.Should().Be(PaymentStatus.Declined);
        payment.DeclineReason.Should().Be(DeclineReasons.Cancelled);
        payment.Amount.Should().Be(0m);
        payment.CustomerId.Should().BeNull();
    }

    [Fact]
    public void An_empty_order_id_is_refused()
    {
        FluentActions.Invoking(() => Payment.Void(Guid.Empty, Now)).Should().Throw<ArgumentException>();
    }
}
