namespace Shop.Orders.Tests.Support;

/// <summary>Tests on the in-process orders service and real PostgreSQL: add <c>[Collection(OrdersAppCollection.Name)]</c>
/// and take <see cref="OrdersApp"/> in the constructor. Tests share the database, so each uses its own keys and customers.</summary>
[CollectionDefinition(Name)]
public sealed class OrdersAppCollection : ICollectionFixture<OrdersApp>
{
    public const string Name = "Orders service";
}
