using Shop.EndToEnd.Tests.Fixtures;
using Shop.EndToEnd.Tests.Support;
using Shop.Scenarios.Orders;

namespace Shop.EndToEnd.Tests.Orders;

[Collection(LocalTopologyCollection.Name)]
public sealed class LocalHostOrderRaceTests(LocalTopologyFixture fixture) : OrderRaceScenarios(new LocalShopSystem(fixture));
