namespace Shop.AppHost.Infrastructure;

/// <summary>The shop's infrastructure by resource name, whichever way it runs: <c>postgres</c> with its four
/// databases, <c>cache</c>, <c>kafka</c>. The services reference these and cannot tell which way was chosen.</summary>
public sealed record ShopInfrastructure(
    InfrastructureMode Mode,
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IReadOnlyDictionary<string, IResourceBuilder<IResourceWithConnectionString>> Databases,
    IResourceBuilder<IResourceWithConnectionString> Cache,
    IResourceBuilder<IResourceWithConnectionString> Kafka)
{
    public static readonly IReadOnlyList<string> DatabaseNames = ["ordersdb", "inventorydb", "paymentsdb", "orchestratordb"];

    public IResourceBuilder<IResourceWithConnectionString> Database(string name) => Databases[name];
}
