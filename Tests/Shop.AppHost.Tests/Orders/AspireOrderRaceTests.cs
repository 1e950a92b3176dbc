using Shop.AppHost.Tests.Fixtures;
using Shop.AppHost.Tests.Support;
using Shop.Scenarios.Orders;

namespace Shop.AppHost.Tests.Orders;

[Collection(AspireShopCollection.Name)]
public sealed class AspireOrderRaceTests(AspireShopFixture fixture) : OrderRaceScenarios(new AspireShopSystem(fixture));
