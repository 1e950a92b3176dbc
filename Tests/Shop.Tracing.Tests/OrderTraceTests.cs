using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Shop.Inventory.Extensions;
using Shop.AppHost.Testing;
using Shop.Orchestrator.Data;
using Shop.Orders.Data;
using Shop.Payments.Data;
using Shop.Testing;
using Shop.Tracing.Tests.Support;

namespace Shop.Tracing.Tests;

/// <summary>
/// One order is one trace (issue #17): the four services, each with its own AddServiceDefaults() telemetry, on real
/// PostgreSQL, Redis and the Kafka mock cluster; calls between them cross sockets and Kafka with the trace context in
/// their headers, as between processes. The spans are exported to memory and the trace's shape is asserted: the
/// POST's server span is its one root, every other span's parent is in it, and it holds the pricing call, every
/// Kafka hop (publish and consume) of the saga in every service, the saga's own spans and database calls in all
/// four databases.
/// </summary>
public sealed class OrderTraceTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SagaDeadline = TimeSpan.FromSeconds(60);

    private readonly LockedCollection<Activity> _spans = new();
    private readonly List<IAsyncDisposable> _apps = [];
    private ShopAppHost? _infrastructure;
    private Uri _orders = null!;
    private Uri _inventory = null!;
    private Uri _payments = null!;

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        _infrastructure = await ShopAppHost.StartInfrastructureAsync(
            new ShopAppHostOptions { KafkaBrokers = 1, KafkaPartitions = 2, StartupTimeout = StartTimeout },
            deadline.Token);

        var common = new Dictionary<string, string>(_infrastructure.ConnectionStrings.Select(c => KeyValuePair.Create($"ConnectionStrings:{c.Key}", c.Value)))
        {
            ["Kafka:Partitions"] = "2",
            // The AppHost's setting for the mock broker, which holds a waiting fetch for the whole wait.
            ["Kafka:FetchWaitMaxMs"] = "5",
        };

        // In one process every service's tracer provider sees every service's spans (the sources are process-wide),
        // so one exporter, in the orders service, collects them all, once each.
        _inventory = Start(new ServiceApp<InventoryOptions>(common));
        _payments = Start(new ServiceApp<PaymentsDbContext>(common));
        Start(new ServiceApp<OrchestratorDbContext>(common));
        _orders = Start(new ServiceApp<OrdersDbContext>(
            new Dictionary<string, string>(common) { ["services:inventory:http:0"] = _inventory.ToString().TrimEnd('/') },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans))));

        using var client = new HttpClient();
        foreach (var service in new[] { _inventory, _payments, _orders })
        {
            await Wait.UntilAsync(
                async () => (await client.GetAsync(new Uri(service, "/health"))).IsSuccessStatusCode, StartTimeout, $"{service} healthy");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.DisposeAsync();
        }

        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_order_and_every_step_of_its_saga_are_one_trace()
    {
        // Arrange
        using var client = new HttpClient();
        var sku = $"trace-{Guid.NewGuid():N}"[..16];
        var customer = $"tracer-{Guid.NewGuid():N}"[..16];
        (await client.PutAsJsonAsync(new Uri(_inventory, $"/api/products/{sku}"), new { name = "Traced mug", unitPrice = 8.50m, onHand = 5 }))
            .EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync(new Uri(_payments, $"/api/accounts/{customer}"), new { balance = 100m }))
            .EnsureSuccessStatusCode();

        // Act
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_orders, "/api/orders"))
        {
            Content = JsonContent.Create(new { customerId = customer, items = new[] { new { sku, quantity = 2 } } }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        HttpResponseMessage placed;
        using (SuppressInstrumentationScope.Begin())
        {
            // The test's own call is not traced and sends no trace context, like a browser's: orders starts the trace.
            placed = await client.SendAsync(request);
        }

        placed.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("orderId").GetString()!;
        await Wait.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonElement>(new Uri(_orders, $"/api/orders/{orderId}"))).GetProperty("status").GetString() == "Completed",
            SagaDeadline,
            $"order {orderId} completed");
        // The saga ends when the orchestrator has handled OrderCompleted; by then every hop before it was consumed.
        await Wait.UntilAsync(
            () => ConsumerSpans(orderId).Any(span => Tag(span, "messaging.message.type") == "orders.order-completed.v1"),
            SagaDeadline,
            "the orchestrator's span for OrderCompleted exported");

        // Assert
        // The one order placement of the test.
        var root = _spans.Snapshot().Single(span => span.Kind == ActivityKind.Server
            && Tag(span, "http.request.method") == "POST" && Tag(span, "url.path") == "/api/orders");
        var trace = _spans.Snapshot().Where(span => span.TraceId == root.TraceId).ToList();
        var bySpanId = trace.ToDictionary(span => span.SpanId);

        root.ParentSpanId.Should().Be(default(ActivitySpanId), "the POST's server span starts the trace");
        trace.Where(span => span != root && !bySpanId.ContainsKey(span.ParentSpanId))
            .Select(Describe).Should().BeEmpty("every span but the root has its parent in the trace (no broken link)");

        // Every consumer span of the order, in whichever trace it is, continues this one, in every service.
        var consumed = ConsumerSpans(orderId);
        consumed.Where(span => span.TraceId != root.TraceId).Select(Describe)
            .Should().BeEmpty("no consumer of the order's messages starts a trace of its own");
        consumed.Select(span => (Tag(span, "messaging.consumer.group.name"), Tag(span, "messaging.message.type"))).Should().Contain(
        [
            ("orchestrator", "orders.order-submitted.v1"),
            ("inventory", "inventory.reserve-stock.v1"),
            ("orchestrator", "inventory.stock-reserved.v1"),
            ("payments", "payments.charge-payment.v1"),
            ("orchestrator", "payments.payment-charged.v1"),
            ("inventory", "inventory.commit-stock.v1"),
            ("orchestrator", "inventory.stock-committed.v1"),
            ("orders", "orders.complete-order.v1"),
            ("orchestrator", "orders.order-completed.v1"),
        ]);

        // Each consumer span is the child of the outbox relay's publish span of the same record.
        foreach (var consumer in consumed)
        {
            var publish = bySpanId[consumer.ParentSpanId];
            publish.Kind.Should().Be(ActivityKind.Producer, Describe(consumer));
            publish.DisplayName.Should().Be($"{consumer.GetTagItem("messaging.destination.name")} publish");
            Tag(publish, "messaging.message.type").Should().Be(Tag(consumer, "messaging.message.type"));
        }

        // The pricing call: orders' HttpClient span, inventory's server span under it.
        var pricing = trace.Single(span => span.Kind == ActivityKind.Server && Tag(span, "http.route") == "/api/products/price");
        var pricingCall = bySpanId[pricing.ParentSpanId];
        pricingCall.Kind.Should().Be(ActivityKind.Client);
        pricingCall.Source.Name.Should().Be("System.Net.Http");
        Ancestors(pricingCall, bySpanId).Should().Contain(root);

        // The saga state machine's spans, under the orchestrator's consumer spans.
        trace.Where(span => span.Source.Name == "MassTransit")
            .Should().NotBeEmpty()
            .And.OnlyContain(span => Ancestors(span, bySpanId).Any(a => Tag(a, "messaging.consumer.group.name") == "orchestrator"));

        // Database calls in all four services' databases, each under a span of the trace.
        trace.Where(span => span.Source.Name == "Npgsql").Select(span => Tag(span, "db.namespace") ?? Tag(span, "db.name"))
            .Distinct().Should().Contain(["ordersdb", "inventorydb", "paymentsdb", "orchestratordb"]);
    }

    private Uri Start<TEntryPoint>(ServiceApp<TEntryPoint> app)
        where TEntryPoint : class
    {
        _apps.Add(app);
        return app.Address;
    }

    private List<Activity> ConsumerSpans(string orderId) =>
        [.. _spans.Snapshot().Where(span => span.Kind == ActivityKind.Consumer
            && span.Source.Name == "Shop.Messaging" && Tag(span, "messaging.kafka.message.key") == orderId)];

    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyDictionary<ActivitySpanId, Activity> bySpanId)
    {
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            yield return parent;
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();

    private static string Describe(Activity span) =>
        $"{span.Source.Name} '{Shorten(span.DisplayName)}' ({span.Kind}, trace {span.TraceId}, parent {span.ParentSpanId}, " +
        $"{string.Join(", ", span.TagObjects.Select(tag => $"{tag.Key}={Shorten(tag.Value)}"))})";

    private static string? Shorten(object? value) =>
        value?.ToString()?.ReplaceLineEndings(" ") is { Length: > 80 } text ? text[..80] + "..." : value?.ToString()?.ReplaceLineEndings(" ");
}
