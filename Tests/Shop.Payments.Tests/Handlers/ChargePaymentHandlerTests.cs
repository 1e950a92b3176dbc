using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts.Payments;
using Shop.Messaging.Kafka;
using Shop.Payments.Data;
using Shop.Payments.Domain;
using Shop.Payments.Tests.Support;

namespace Shop.Payments.Tests.Handlers;

[Collection(PaymentsDatabaseCollection.Name)]
public sealed class ChargePaymentHandlerTests(PaymentsDatabaseFixture fixture)
{
    [Fact]
    public async Task Charges_the_account_and_publishes_PaymentCharged()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();

        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 30.5m));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(69.5m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        payment.Status.Should().Be(PaymentStatus.Charged);
        payment.Amount.Should().Be(30.5m);
        payment.CustomerId.Should().Be(account.CustomerId);
        (await fixture.PublishedAsync(orderId)).Should().Equal(new PaymentCharged(orderId, payment.PaymentId, 30.5m));
    }

    [Fact]
    public async Task The_same_charge_handled_twice_charges_once_and_repeats_the_outcome()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        var charge = new ChargePayment(orderId, account.CustomerId, 30m);

        await fixture.HandleAsync(charge);
        await fixture.HandleAsync(charge);

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(70m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        (await fixture.PublishedAsync(orderId)).Should().Equal(
            new PaymentCharged(orderId, payment.PaymentId, 30m),
            new PaymentCharged(orderId, payment.PaymentId, 30m));
    }

    [Fact]
    public async Task Concurrent_duplicates_of_one_charge_charge_once()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderId = Guid.CreateVersion7();
        var charge = new ChargePayment(orderId, account.CustomerId, 30m);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => fixture.HandleAsync(charge))));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(70m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        (await fixture.PublishedAsync(orderId)).Should().HaveCount(8)
            .And.AllBeEquivalentTo(new PaymentCharged(orderId, payment.PaymentId, 30m));
    }

    [Fact]
    public async Task Concurrent_charges_of_different_orders_never_take_the_balance_below_zero()
    {
        var account = await fixture.CreateAccountAsync(100m);
        var orderIds = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7()).ToList();

        await Task.WhenAll(orderIds.Select(orderId =>
            Task.Run(() => fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 15m)))));

        var payments = new List<Payment>();
        foreach (var orderId in orderIds)
        {
            payments.Add((await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject);
        }

        // 100 covers six charges of 15; whichever six came first, the other fourteen are declined.
        payments.Count(p => p.Status == PaymentStatus.Charged).Should().Be(6);
        payments.Where(p => p.Status == PaymentStatus.Declined).Should().HaveCount(14)
            .And.OnlyContain(p => p.DeclineReason == DeclineReasons.InsufficientFunds);
        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(10m);
    }

    [Fact]
    public async Task A_charge_the_balance_cannot_cover_is_declined_and_takes_nothing()
    {
        var account = await fixture.CreateAccountAsync(10m);
        var orderId = Guid.CreateVersion7();

        await fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 10.01m));

        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(10m);
        var payment = (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Subject;
        payment.Status.Should().Be(PaymentStatus.Declined);
        (await fixture.PublishedAsync(orderId)).Should().Equal(new PaymentDeclined(orderId, DeclineReasons.InsufficientFunds));
    }

    [Fact]
    public async Task A_charge_to_an_unknown_account_is_declined_and_stays_declined()
    {
        var orderId = Guid.CreateVersion7();
        var customerId = $"nobody-{Guid.NewGuid():N}";

        await fixture.HandleAsync(new ChargePayment(orderId, customerId, 5m));
        await CreateAccountAsync(customerId, 100m);
        await fixture.HandleAsync(new ChargePayment(orderId, customerId, 5m));

        (await fixture.BalanceAsync(customerId)).Should().Be(100m, "the order's outcome was decided by the first charge");
        (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Which.Status.Should().Be(PaymentStatus.Declined);
        (await fixture.PublishedAsync(orderId)).Should().Equal(
            new PaymentDeclined(orderId, DeclineReasons.UnknownAccount),
            new PaymentDeclined(orderId, DeclineReasons.UnknownAccount));
    }

    [Fact]
    public async Task A_charge_in_fractions_of_a_cent_is_a_permanent_failure()
    {
        var account = await fixture.CreateAccountAsync(10m);
        var orderId = Guid.CreateVersion7();

        var handle = () => fixture.HandleAsync(new ChargePayment(orderId, account.CustomerId, 1.005m));

        await handle.Should().ThrowAsync<PermanentMessageException>();
        (await fixture.PaymentsAsync(orderId)).Should().BeEmpty();
        (await fixture.BalanceAsync(account.CustomerId)).Should().Be(10m);
    }

    [Fact]
    public async Task The_database_refuses_a_second_payment_for_an_order()
    {
        var orderId = Guid.CreateVersion7();
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        db.Payments.Add(Payment.Decline(orderId, "someone", 1m, DeclineReasons.UnknownAccount, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();

        db.Payments.Add(Payment.Decline(orderId, "someone-else", 1m, DeclineReasons.UnknownAccount, DateTimeOffset.UtcNow));
        var save = () => db.SaveChangesAsync();

        await save.Should().ThrowAsync<DbUpdateException>();
        (await fixture.PaymentsAsync(orderId)).Should().ContainSingle().Which.CustomerId.Should().Be("someone");
    }

    private async Task CreateAccountAsync(string customerId, decimal balance)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PaymentsDbContext>();
        db.Accounts.Add(new Account(customerId, balance, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }
}
