namespace Shop.Inventory.Tests.Support;

/// <summary>Tests on real PostgreSQL (and the Kafka mock broker): add <c>[Collection(InfrastructureCollection.Name)]</c>
/// and take <see cref="InfrastructureFixture"/> in the constructor.</summary>
[CollectionDefinition(Name)]
public sealed class InfrastructureCollection : ICollectionFixture<InfrastructureFixture>
{
    public const string Name = "Inventory infrastructure";
}
