// The Aspire topology: infrastructure, then services. Resource names equal the connection-string
// names the services read (DESIGN §5), so the services need no Aspire-specific code.
var builder = DistributedApplication.CreateBuilder(args);

var postgres = builder.AddPostgres("postgres").WithDataVolume();
var ordersDb = postgres.AddDatabase("ordersdb");
var inventoryDb = postgres.AddDatabase("inventorydb");
var paymentsDb = postgres.AddDatabase("paymentsdb");
var orchestratorDb = postgres.AddDatabase("orchestratordb");
var cache = builder.AddRedis("cache");
var kafka = builder.AddKafka("kafka").WithKafkaUI();

var inventory = builder.AddProject<Projects.Shop_Inventory>("inventory")
    .WithReference(inventoryDb).WaitFor(inventoryDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Shop_Payments>("payments")
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Shop_Orchestrator>("orchestrator")
    .WithReference(orchestratorDb).WaitFor(orchestratorDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Shop_Orders>("orders")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory).WaitFor(inventory)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
