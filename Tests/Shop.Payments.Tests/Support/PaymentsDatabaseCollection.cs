namespace Shop.Payments.Tests.Support;

[CollectionDefinition(Name)]
public sealed class PaymentsDatabaseCollection : ICollectionFixture<PaymentsDatabaseFixture>
{
    public const string Name = "Payments database";
}
