namespace Shop.EndToEnd.Tests.Fixtures;

/// <summary>Tests that share one running topology: add <c>[Collection(LocalTopologyCollection.Name)]</c> and take
/// <see cref="LocalTopologyFixture"/> in the constructor.</summary>
[CollectionDefinition(Name)]
public sealed class LocalTopologyCollection : ICollectionFixture<LocalTopologyFixture>
{
    public const string Name = "Local topology";
}
