using Shop.Contracts.Payments;
using Shop.Payments.Domain;
using Shop.Payments.Tests.Support;

namespace Shop.Payments.Tests.Handlers;

[Collection(PaymentsDatabaseCollection.Name)]
public sealed class RefundPaymentHandlerTests(PaymentsDatabaseFixture fixture)
{
    [Fact]
    public async Task Refunding_a_charge_gives_the_money_back_and_publishes_the_amount()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30m));

        await fixture.HandleAsync(new RefundPayment(orderId));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(100m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        payment.Status.Should().Be(PaymentStatus.Refunded);
        payment.RefundedAt.Should().NotBeNull();
        (await fixture.PublishedAsync(orderId)).Should().Equal(
            new PaymentCharged(orderId, payment.PaymentId, 30m),
            new PaymentRefunded(orderId, 30m));
    }

    [Fact]
    public async Task Refunding_twice_credits_once()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30m));

        await fixture.HandleAsync(new RefundPayment(orderId));
        await fixture.HandleAsync(new RefundPayment(orderId));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(100m);
        (await fixture.PublishedAsync(orderId)).Skip(1).Should().Equal(
            new PaymentRefunded(orderId, 30m),
            new PaymentRefunded(orderId, 0m));
    }

    [Fact]
    public async Task Concurrent_refunds_credit_once()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30m));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixture.HandleAsync(new RefundPayment(orderId)))));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(100m);
        var refunds = (await fixture.PublishedAsync(orderId)).OfType<PaymentRefunded>().ToList();
        refunds.Should().HaveCount(8);
        refunds.Sum(r => r.Amount).Should().Be(30m);
    }

    [Fact]
    public async Task A_refund_before_the_charge_voids_the_later_charge()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();

        await fixture.HandleAsync(new RefundPayment(orderId));
        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30m));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(100m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        payment.Status.Should().Be(PaymentStatus.Declined);
        payment.DeclineReason.Should().Be(DeclineReasons.Cancelled);
        (await fixture.PublishedAsync(orderId)).Should().Equal(
            new PaymentRefunded(orderId, 0m),
            new PaymentDeclined(orderId, DeclineReasons.Cancelled));
    }

    [Fact]
    public async Task Refunding_a_declined_charge_gives_nothing()
    {
        var account = await fixture.CreateAccountAsync(10m);
        var orderId = Guid.CreateVersion7();
        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30m));

        await fixture.HandleAsync(new RefundPayment(orderId));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(10m);
        (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Which.Status.Should().Be(PaymentStatus.Declined);
        (await fixture.PublishedAsync(orderId)).Should().Equal(
            new PaymentDeclined(orderId, DeclineReasons.InsufficientFunds),
            new PaymentRefunded(orderId, 0m));
    }

    [Fact]
    public async Task A_charge_repeated_after_its_refund_takes_nothing_again()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        var charge = new ChargePayment(orderId, account.CustomerId, 30m);
        await fixture.HandleAsync(charge);
        await fixture.HandleAsync(new RefundPayment(orderId));

        await fixture.HandleAsync(charge);

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(100m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        payment.Status.Should().Be(PaymentStatus.Refunded);
        (await fixture.PublishedAsync(orderId)).Last().Should().Be(new PaymentCharged(orderId, payment.PaymentId, 30m));
    }
}
