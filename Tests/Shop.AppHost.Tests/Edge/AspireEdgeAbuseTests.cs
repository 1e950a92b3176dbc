using Shop.AppHost.Tests.Fixtures;
using Shop.AppHost.Tests.Support;
using Shop.Scenarios.Edge;

namespace Shop.AppHost.Tests.Edge;

[Collection(AspireShopCollection.Name)]
public sealed class AspireEdgeAbuseTests(AspireShopFixture fixture) : EdgeAbuseScenarios(new AspireShopSystem(fixture));
