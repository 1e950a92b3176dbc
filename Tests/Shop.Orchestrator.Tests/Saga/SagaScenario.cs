using System.Reflection;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Shop.Orchestrator.Saga;
using Shop.Testing;

namespace Shop.Orchestrator.Tests.Saga;

/// <summary>
/// One order's saga on MassTransit's in-memory test harness (one service provider per scenario), with a manual
/// clock and distinct deadlines per step. Events are published one at a time and each is awaited until the saga
/// has consumed it, so what the saga published in reply is recorded before the test looks.
/// </summary>
public sealed class SagaScenario : IAsyncDisposable
{
    public static readonly TimeSpan ReserveTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan ChargeTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(40);
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(5);

    private readonly ServiceProvider _provider;
    private readonly ReceivedMessages _received = new();

    private SagaScenario(ServiceProvider provider, ManualTimeProvider time)
    {
        _provider = provider;
        Time = time;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<OrderStateMachine, OrderSagaState>();
    }

    public Guid OrderId { get; } = Guid.NewGuid();

    public ManualTimeProvider Time { get; }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<OrderStateMachine, OrderSagaState> Saga { get; }

    public OrderStateMachine Machine => Saga.StateMachine;

    public static IReadOnlyList<PricedOrderLine> Lines { get; } =
        [new PricedOrderLine("SKU-1", 2, 10.00m), new PricedOrderLine("SKU-2", 1, 5.50m)];

    public const decimal Total = 25.50m;

    public const string CustomerId = "alice";

    public static async Task<SagaScenario> StartAsync()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(time)
            .Configure<SagaDeadlineOptions>(options =>
            {
                options.ReserveStock = ReserveTimeout;
                options.ChargePayment = ChargeTimeout;
                options.CommitStock = CommitTimeout;
            })
            .AddMassTransitTestHarness(x => x.AddSagaStateMachine<OrderStateMachine, OrderSagaState>().InMemoryRepository())
            .BuildServiceProvider(validateScopes: true);
        var scenario = new SagaScenario(provider, time);
        await scenario.Harness.Start();
        scenario.Harness.Bus.ConnectReceiveObserver(scenario._received);
        return scenario;
    }

    /// <summary>The saga instance (live, from the in-memory repository), or null if there is none.</summary>
    public OrderSagaState? Instance => Saga.Sagas.Contains(OrderId);

    public OrderSagaState State => Instance ?? throw new InvalidOperationException($"no saga for order {OrderId}");

    /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed it.</summary>
    public async Task PublishAsync<T>(T message)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = messageId);
        await Wait.UntilAsync(() => _received.Contains(messageId), WaitTimeout, $"the saga receiving {typeof(T).Name}");
        Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId && x.Exception is not null).Should()
            .BeEmpty($"the saga should not fault on {typeof(T).Name}");
    }

    public Task SubmitAsync() => PublishAsync(new OrderSubmitted(OrderId, CustomerId, Lines, Total, Time.GetUtcNow()));

    public Task StockReservedAsync() => PublishAsync(new StockReserved(OrderId));

    public Task StockReservationFailedAsync(string reason = "OutOfStock") =>
        PublishAsync(new StockReservationFailed(OrderId, reason, ["SKU-1"]));

    public Task PaymentChargedAsync() => PublishAsync(new PaymentCharged(OrderId, Guid.NewGuid(), Total));

    public Task PaymentDeclinedAsync() => PublishAsync(new PaymentDeclined(OrderId, "InsufficientFunds"));

    public Task StockCommittedAsync() => PublishAsync(new StockCommitted(OrderId));

    public Task StockCommitFailedAsync() => PublishAsync(new StockCommitFailed(OrderId, "NotHeld"));

    public Task StockReleasedAsync() => PublishAsync(new StockReleased(OrderId));

    public Task PaymentRefundedAsync() => PublishAsync(new PaymentRefunded(OrderId, Total));

    public Task OrderCompletedAsync() => PublishAsync(new OrderCompleted(OrderId));

    public Task CancellationRequestedAsync() => PublishAsync(new OrderCancellationRequested(OrderId, Time.GetUtcNow()));

    /// <summary>What the sweeper does once the clock passes the saga's current deadline.</summary>
    public async Task ExpireDeadlineAsync()
    {
        var deadline = State.Deadline ?? throw new InvalidOperationException("the saga has no deadline");
        Time.Advance(deadline - Time.GetUtcNow() + TimeSpan.FromMilliseconds(1));
        await PublishAsync(new SagaDeadlineExpired(OrderId, deadline));
    }

    /// <summary>Submits and walks the happy path up to (and including) the named state.</summary>
    public async Task AdvanceToAsync(string state)
    {
        await SubmitAsync();
        if (state == OrderStates.ReservingStock)
        {
            return;
        }

        await StockReservedAsync();
        if (state == OrderStates.ChargingPayment)
        {
            return;
        }

        await PaymentChargedAsync();
        if (state == OrderStates.CommittingStock)
        {
            return;
        }

        await StockCommittedAsync();
        if (state == OrderStates.Completing)
        {
            return;
        }

        await OrderCompletedAsync();
    }

    /// <summary>The messages of type <typeparamref name="T"/> the saga has published for this order, in order.</summary>
    public IReadOnlyList<T> Published<T>()
        where T : class, IOrderMessage =>
        [.. Harness.Published.Select<T>(x => x.Context.Message.OrderId == OrderId).Select(x => x.Context.Message)];

    /// <summary>Every command the saga has published for this order (events published by the test itself excluded).</summary>
    public IReadOnlyList<IOrderMessage> Commands =>
    [
        .. Harness.Published.Select<IOrderMessage>(x => x.Context.Message.OrderId == OrderId)
            .Select(x => x.Context.Message)
            .Where(m => m.GetType().GetCustomAttribute<MessageContractAttribute>()!.Topic.EndsWith(".commands", StringComparison.Ordinal)),
    ];

    /// <summary>Every step the progress records report as (state of its record, step, status), in the order published.</summary>
    public IReadOnlyList<(string State, string Step, string Status)> Progress =>
        [.. Published<RecordOrderProgressV2>().SelectMany(p => p.Steps.Select(s => (p.State, s.Step, s.Status)))];

    /// <summary>Each progress record as "State: step Status, step Status", in the order published: one per saga event.</summary>
    public IReadOnlyList<string> ProgressRecords =>
        [.. Published<RecordOrderProgressV2>().Select(p => $"{p.State}: {string.Join(", ", p.Steps.Select(s => $"{s.Step} {s.Status}"))}")];

    /// <summary>The names of what the saga sent the orders service for this order, in the order published.</summary>
    public IReadOnlyList<string> SentToOrders =>
    [
        .. Commands
            .Where(m => m.GetType().GetCustomAttribute<MessageContractAttribute>()!.Topic == ContractTopics.OrdersCommands)
            .Select(m => m.GetType().Name),
    ];

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
