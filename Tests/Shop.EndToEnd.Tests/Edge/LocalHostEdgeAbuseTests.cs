using Shop.EndToEnd.Tests.Fixtures;
using Shop.EndToEnd.Tests.Support;
using Shop.Scenarios.Edge;

namespace Shop.EndToEnd.Tests.Edge;

[Collection(LocalTopologyCollection.Name)]
public sealed class LocalHostEdgeAbuseTests(LocalTopologyFixture fixture) : EdgeAbuseScenarios(new LocalShopSystem(fixture));
