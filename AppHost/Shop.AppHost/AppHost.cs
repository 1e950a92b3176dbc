// The Aspire topology: infrastructure, then services. Resource names equal the connection-string
// names the services read (DESIGN §5), so the services need no Aspire-specific code.
var builder = DistributedApplication.CreateBuilder(args);

// `azd up` deploys every project and container into this Azure Container Apps environment.
builder.AddAzureContainerAppEnvironment("aca");

var reserveStockDeadline = AddParameterWithDefault("saga-reserve-stock-deadline", "00:00:30");
var chargePaymentDeadline = AddParameterWithDefault("saga-charge-payment-deadline", "00:00:30");
var commitStockDeadline = AddParameterWithDefault("saga-commit-stock-deadline", "00:00:30");
var kafkaPartitions = AddParameterWithDefault("kafka-partitions", "6");

// Infrastructure. In Azure, Postgres and Redis are managed services; locally (and in the tests) the same
// resources run as containers. Password and access-key authentication, because the services connect with
// plain connection strings (Npgsql, the project's RESP client), not with Entra ID tokens.
// Shop:KeepData=false (the tests set it) gives a throw-away local database: a kept volume would also keep the
// password of the run that created it, which a test run's generated password would not match.
var keepData = builder.Configuration["Shop:KeepData"] != "false";
var postgres = builder.AddAzurePostgresFlexibleServer("postgres")
    .WithPasswordAuthentication()
    .RunAsContainer(container =>
    {
        if (keepData)
        {
            container.WithDataVolume();
        }
    });
var ordersDb = postgres.AddDatabase("ordersdb");
var inventoryDb = postgres.AddDatabase("inventorydb");
var paymentsDb = postgres.AddDatabase("paymentsdb");
var orchestratorDb = postgres.AddDatabase("orchestratordb");

var cache = builder.AddAzureManagedRedis("cache")
    .WithAccessKeyAuthentication()
    .RunAsContainer();

// Kafka has no managed engine that speaks it without client changes (Event Hubs needs SASL), so it is a
// container here and a container app in Azure.
var kafka = builder.AddKafka("kafka").WithKafkaUI();

// Services.
var inventory = builder.AddProject<Projects.Shop_Inventory>("inventory")
    .WithReference(inventoryDb).WaitFor(inventoryDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithEnvironment("Kafka__Partitions", kafkaPartitions)
    .WithHttpHealthCheck("/health");

var payments = builder.AddProject<Projects.Shop_Payments>("payments")
    .WithReference(paymentsDb).WaitFor(paymentsDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithEnvironment("Kafka__Partitions", kafkaPartitions)
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.Shop_Orchestrator>("orchestrator")
    .WithReference(orchestratorDb).WaitFor(orchestratorDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithEnvironment("Kafka__Partitions", kafkaPartitions)
    .WithEnvironment("Saga__Deadlines__ReserveStock", reserveStockDeadline)
    .WithEnvironment("Saga__Deadlines__ChargePayment", chargePaymentDeadline)
    .WithEnvironment("Saga__Deadlines__CommitStock", commitStockDeadline)
    .WithHttpHealthCheck("/health");

// The public entry point; the other services stay inside the Container Apps environment.
var orders = builder.AddProject<Projects.Shop_Orders>("orders")
    .WithReference(ordersDb).WaitFor(ordersDb)
    .WithReference(kafka).WaitFor(kafka)
    .WithReference(cache).WaitFor(cache)
    .WithReference(inventory).WaitFor(inventory)
    // The page's storefront proxy reads balances from payments.
    .WithReference(payments).WaitFor(payments)
    .WithEnvironment("Kafka__Partitions", kafkaPartitions)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

// Behind Container Apps' ingress every request comes from the proxy: without X-Forwarded-For the per-address rate
// limit would put all clients in one bucket. Only when published: run locally, nothing sits in front of orders, and
// trusting the header there would let a client pick its own address.
if (builder.ExecutionContext.IsPublishMode)
{
    orders.WithEnvironment("ASPNETCORE_FORWARDEDHEADERS_ENABLED", "true");
}

builder.Build().Run();

// A parameter with a default, published with the manifest so azd does not prompt for it. Configuration
// (Parameters:{name}: user secrets, environment, the tests' arguments) overrides the default; it is read
// here because the AddParameter overload that takes a value does not consult configuration itself.
IResourceBuilder<ParameterResource> AddParameterWithDefault(string name, string defaultValue) =>
    builder.AddParameter(name, builder.Configuration[$"Parameters:{name}"] ?? defaultValue, publishValueAsDefault: true);
