namespace Shop.AppHost.Tests.Fixtures;

/// <summary>Tests that share one running AppHost: add <c>[Collection(AspireShopCollection.Name)]</c> and take
/// <see cref="AspireShopFixture"/> in the constructor.</summary>
[CollectionDefinition(Name)]
public sealed class AspireShopCollection : ICollectionFixture<AspireShopFixture>
{
    public const string Name = "Aspire shop";
}
