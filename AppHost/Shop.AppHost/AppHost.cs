using Microsoft.Extensions.Configuration;
using Shop.AppHost.Infrastructure;
using Shop.AppHost.Running;

// The Aspire topology: infrastructure, then services. Resource names equal the connection-string names the services
// read (DESIGN §5), so the services need no Aspire-specific code and cannot tell which infrastructure backs them.
var builder = DistributedApplication.CreateBuilder(args);

var reserveStockDeadline = AddParameterWithDefault("saga-reserve-stock-deadline", "00:00:30");
var chargePaymentDeadline = AddParameterWithDefault("saga-charge-payment-deadline", "00:00:30");
var commitStockDeadline = AddParameterWithDefault("saga-commit-stock-deadline", "00:00:30");
var kafkaPartitions = AddParameterWithDefault("kafka-partitions", "6");
var replicas = builder.Configuration.GetValue("Shop:Replicas", 1);

// Infrastructure: containers where a container runtime answers, local binaries where none does (Shop:Infrastructure).
var (mode, reason) = InfrastructureChoice.Choose(builder);
Console.WriteLine($"shop: infrastructure from {(mode == InfrastructureMode.Containers ? "containers" : "local binaries")} ({reason})");
var infrastructure = builder.AddShopInfrastructure(mode, kafkaPartitions);
var cache = infrastructure.Cache;
var kafka = infrastructure.Kafka;

// Services.
var inventory = builder.AddProject<Projects.Shop_Inventory>("inventory")
    .WithShopServiceSettings(infrastructure, kafkaPartitions, replicas)
    .WithReference(infrastructure.Database("inventorydb")).WaitFor(infrastructure.Database("inventorydb"))
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache);

var payments = builder.AddProject<Projects.Shop_Payments>("payments")
    .WithShopServiceSettings(infrastructure, kafkaPartitions, replicas)
    .WithReference(infrastructure.Database("paymentsdb")).WaitFor(infrastructure.Database("paymentsdb"))
    .WithReference(kafka).WaitFor(kafka);

builder.AddProject<Projects.Shop_Orchestrator>("orchestrator")
    .WithShopServiceSettings(infrastructure, kafkaPartitions, replicas)
    .WithReference(infrastructure.Database("orchestratordb")).WaitFor(infrastructure.Database("orchestratordb"))
    .WithReference(kafka).WaitFor(kafka)
    .WithEnvironment("Saga__Deadlines__ReserveStock", reserveStockDeadline)
    .WithEnvironment("Saga__Deadlines__ChargePayment", chargePaymentDeadline)
    .WithEnvironment("Saga__Deadlines__CommitStock", commitStockDeadline);

// The public entry point.
var orders = builder.AddProject<Projects.Shop_Orders>("orders")
    .WithShopServiceSettings(infrastructure, kafkaPartitions, replicas)
    .WithReference(infrastructure.Database("ordersdb")).WaitFor(infrastructure.Database("ordersdb"))
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory).WaitFor(inventory)
    // The page's storefront proxy reads balances from payments.
    .WithReference(payments).WaitFor(payments)
    .WithExternalHttpEndpoints();

// Behind an ingress every request comes from the proxy: without X-Forwarded-For the per-address rate limit would
// put all clients in one bucket. Only when published: run locally nothing sits in front of orders, and trusting
// the header there would let a client pick its own address. (Aspire sets the same variable on every published project
// with endpoints; orders says it itself because its rate limit depends on it.)
if (builder.ExecutionContext.IsPublishMode)
{
    orders.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
}

// ./shop run's console: each resource as it becomes healthy, then ready, and .shop/state.json (Shop:StateFile).
builder.AddShopRunReporting();

builder.Build().Run();

// A parameter with a default, published with the manifest so azd does not prompt for it. Configuration
// (Parameters:{name}: user secrets, environment, the tests' arguments) overrides the default; it is read
// here because the AddParameter overload that takes a value does not consult configuration itself.
IResourceBuilder<ParameterResource> AddParameterWithDefault(string name, string defaultValue) =>
    builder.AddParameter(name, builder.Configuration[$"Parameters:{name}"] ?? defaultValue, publishValueAsDefault: true);
