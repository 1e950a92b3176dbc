namespace Shop.AppHost.Tests.Fixtures;

/// <summary>Tests that kill a service or restart PostgreSQL: an AppHost of their own, so the shop the other tests
/// share is never caught between a fault and its recovery (a health probe there would see a consumer group rebalancing).</summary>
[CollectionDefinition(Name)]
public sealed class RecoveryShopCollection : ICollectionFixture<AspireShopFixture>
{
    public const string Name = "Aspire shop under recovery";
}
