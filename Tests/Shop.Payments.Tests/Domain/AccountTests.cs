using Shop.Payments.Domain;

namespace Shop.Payments.Tests.Domain;

public sealed class AccountTests
{
    private static readonly DateTimeOffset Then = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = Then.AddMinutes(5);

    [Fact]
    public void Debit_takes_the_amount_and_stamps_the_time()
    {
        var account = new Account("alice", 100m, Then);

        account.Debit(30.25m, Now);

        account.Balance.Should().Be(69.75m);
        account.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public void Debit_of_the_whole_balance_leaves_zero()
    {
        var account = new Account("alice", 40m, Then);

        account.Debit(40m, Now);

        account.Balance.Should().Be(0m);
    }

    [Fact]
    public void Debit_beyond_the_balance_throws_and_changes_nothing()
    {
        var account = new Account("alice", 40m, Then);

        var debit = () => account.Debit(40.01m, Now);

        debit.Should().Throw<InsufficientFundsException>();
        account.Balance.Should().Be(40m);
        account.UpdatedAt.Should().Be(Then);
    }

    [Fact]
    public void Credit_adds_the_amount()
    {
        var account = new Account("alice", 10m, Then);

        account.Credit(2.5m, Now);

        account.Balance.Should().Be(12.5m);
        account.UpdatedAt.Should().Be(Now);
    }

    [Fact]
    public void SetBalance_replaces_the_balance()
    {
        var account = new Account("alice", 10m, Then);

        account.SetBalance(0m, Now);

        account.Balance.Should().Be(0m);
        account.UpdatedAt.Should().Be(Now);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.005)]
    public void Amounts_below_zero_or_finer_than_cents_are_refused(double value)
    {
        var amount = (decimal)value;
        var account = new Account("alice", 10m, Then);

        account.Invoking(a => a.Debit(amount, Now)).Should().Throw<ArgumentOutOfRangeException>();
        account.Invoking(a => a.Credit(amount, Now)).Should().Throw<ArgumentOutOfRangeException>();
        account.Invoking(a => a.SetBalance(amount, Now)).Should().Throw<ArgumentOutOfRangeException>();
        account.Balance.Should().Be(10m);
        FluentActions.Invoking(() => new Account("bob", amount, Then)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_customer_id_is_refused(string customerId)
    {
        FluentActions.Invoking(() => new Account(customerId, 1m, Then)).Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_customer_id_longer_than_100_characters_is_refused()
    {
        FluentActions.Invoking(() => new Account(new string('c', 100), 1m, Then)).Should().NotThrow();
        FluentActions.Invoking(() => new Account(new string('c', 101), 1m, Then)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
