using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Options;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;

namespace Shop.Orchestrator.Saga;

/// <summary>
/// The order saga of DESIGN §2. Every step sends a command and reports progress to the orders service (one
/// <see cref="RecordOrderProgressV2"/> per event, with every step it moved, and none for the order's own terminal step,
/// which the orders service records when it completes or cancels the order); a failure
/// compensates only what is known to have happened, and the order is cancelled once every compensation is
/// confirmed. What it publishes goes to the outbox (see <c>OutboxPublishFilter</c>), in the same transaction as
/// the saga row. Instances are not finalized when the order ends: replies that arrive after it must still find them.
/// <c>FinishedSagaPruner</c> deletes them once that can no longer happen (<c>Saga:Retention</c>).
/// </summary>
public sealed partial class OrderStateMachine : MassTransitStateMachine<OrderSagaState>
{
    private readonly TimeProvider _time;
    private readonly SagaDeadlineOptions _deadlines;
    private readonly ILogger<OrderStateMachine> _logger;

    public OrderStateMachine(TimeProvider time, IOptions<SagaDeadlineOptions> deadlines, ILogger<OrderStateMachine> logger)
    {
        _time = time;
        _deadlines = deadlines.Value;
        _logger = logger;

        InstanceState(x => x.CurrentState);

        Event(() => OrderSubmitted, x => x.CorrelateById(m => m.Message.OrderId));
        Event(() => OrderCancellationRequested, x => ExistingOnly(x));
        Event(() => OrderCompleted, x => ExistingOnly(x));
        Event(() => OrderCancelled, x => ExistingOnly(x));
        Event(() => StockReserved, x => ExistingOnly(x));
        Event(() => StockReservationFailed, x => ExistingOnly(x));
        Event(() => StockReleased, x => ExistingOnly(x));
        Event(() => StockCommitted, x => ExistingOnly(x));
        Event(() => StockCommitFailed, x => ExistingOnly(x));
        Event(() => PaymentCharged, x => ExistingOnly(x));
        Event(() => PaymentDeclined, x => ExistingOnly(x));
        Event(() => PaymentRefunded, x => ExistingOnly(x));
        Event(() => DeadlineExpired, x =>
        {
            x.CorrelateById(m => m.Message.OrderId);
            x.OnMissingInstance(m => m.Discard());
        });

        // A reply that does not fit the saga's state (a duplicate, or one it has stopped caring about) is dropped,
        // not faulted: faulting would only retry it and then dead-letter a message that is merely late.
        OnUnhandledEvent(context =>
        {
            LogIgnored(context.Event.Name, context.Saga.CorrelationId, context.Saga.CurrentState);
            return context.Ignore();
        });

        Initially(
            When(OrderSubmitted)
                .ThenAsync(StartAsync)
                .TransitionTo(ReservingStock));

        During(ReservingStock,
            When(StockReserved)
                .ThenAsync(ChargeAsync)
                .TransitionTo(ChargingPayment),
            When(StockReservationFailed)
                .ThenAsync(ReservationFailedAsync)
                .TransitionTo(Cancelled),
            When(DeadlineExpired, IsCurrentDeadline)
                .ThenAsync(ReservationTimedOutAsync)
                .TransitionTo(Cancelled),
            // Nothing is held yet, but a reservation may be on its way: keep waiting for its reply (until the
            // deadline) so that a StockReserved is released before the order is cancelled.
            When(OrderCancellationRequested)
                .ThenAsync(context => CustomerCancelledAsync(context))
                .TransitionTo(Compensating));

        During(ChargingPayment,
            When(PaymentCharged)
                .ThenAsync(CommitAsync)
                .TransitionTo(CommittingStock),
            When(PaymentDeclined)
                .ThenAsync(PaymentDeclinedAsync)
                .TransitionTo(Compensating),
            // Nothing is known to be charged, so nothing is refunded now; a late PaymentCharged is refunded then.
            When(DeadlineExpired, IsCurrentDeadline)
                .ThenAsync(PaymentTimedOutAsync)
                .TransitionTo(Compensating),
            When(OrderCancellationRequested)
                .ThenAsync(context => CustomerCancelledAsync(context))
                .TransitionTo(Compensating));

        During(CommittingStock,
            When(StockCommitted)
                .ThenAsync(CompleteAsync)
                .TransitionTo(Completing),
            When(StockCommitFailed)
                .ThenAsync(CommitFailedAsync)
                .TransitionTo(Compensating),
            // Money is taken and the stock is held: the point of no return is passed. A slow inventory service
            // means waiting (CommitStock is idempotent, so it is simply sent again), not undoing.
            When(DeadlineExpired, IsCurrentDeadline)
                .ThenAsync(RetryCommitAsync),
            // Too late to cancel: the order completes. The orders service answered 202 already; the order's
            // status and timeline show the outcome.
            Ignore(OrderCancellationRequested));

        During(Completing,
            When(OrderCompleted)
                .ThenAsync(CompletedAsync)
                .TransitionTo(Completed),
            Ignore(OrderCancellationRequested));

        During(Compensating,
            FinishWhenCompensated(When(StockReserved).ThenAsync(ReservedWhileCompensatingAsync)),
            FinishWhenCompensated(When(StockReservationFailed).ThenAsync(ReservationFailedWhileCompensatingAsync)),
            FinishWhenCompensated(When(PaymentCharged).ThenAsync(ChargedWhileCompensatingAsync)),
            FinishWhenCompensated(When(PaymentDeclined).ThenAsync(DeclinedWhileCompensatingAsync)),
            FinishWhenCompensated(When(StockReleased).ThenAsync(StockReleasedAsync)),
            FinishWhenCompensated(When(PaymentRefunded).ThenAsync(PaymentRefundedAsync)),
            // Replies that come after this are compensated from Cancelled.
            FinishWhenCompensated(When(DeadlineExpired, IsCurrentDeadline).ThenAsync(StopWaitingAsync)),
            Ignore(OrderCancellationRequested));

        During(Cancelled,
            When(StockReserved).ThenAsync(ReservedWhileCompensatingAsync),
            When(PaymentCharged).ThenAsync(ChargedWhileCompensatingAsync),
            When(StockReleased).ThenAsync(StockReleasedAsync),
            When(PaymentRefunded).ThenAsync(PaymentRefundedAsync),
            Ignore(OrderCancellationRequested));

        During(Completed,
            Ignore(OrderCancellationRequested));

        DuringAny(
            Ignore(OrderSubmitted));
    }

    public State ReservingStock { get; private set; } = null!;

    public State ChargingPayment { get; private set; } = null!;

    public State CommittingStock { get; private set; } = null!;

    public State Completing { get; private set; } = null!;

    public State Completed { get; private set; } = null!;

    public State Compensating { get; private set; } = null!;

    public State Cancelled { get; private set; } = null!;

    public Event<OrderSubmitted> OrderSubmitted { get; private set; } = null!;

    public Event<OrderCancellationRequested> OrderCancellationRequested { get; private set; } = null!;

    public Event<OrderCompleted> OrderCompleted { get; private set; } = null!;

    public Event<OrderCancelled> OrderCancelled { get; private set; } = null!;

    public Event<StockReserved> StockReserved { get; private set; } = null!;

    public Event<StockReservationFailed> StockReservationFailed { get; private set; } = null!;

    public Event<StockReleased> StockReleased { get; private set; } = null!;

    public Event<StockCommitted> StockCommitted { get; private set; } = null!;

    public Event<StockCommitFailed> StockCommitFailed { get; private set; } = null!;

    public Event<PaymentCharged> PaymentCharged { get; private set; } = null!;

    public Event<PaymentDeclined> PaymentDeclined { get; private set; } = null!;

    public Event<PaymentRefunded> PaymentRefunded { get; private set; } = null!;

    public Event<SagaDeadlineExpired> DeadlineExpired { get; private set; } = null!;

    private static void ExistingOnly<T>(IEventCorrelationConfigurator<OrderSagaState, T> x)
        where T : class, IOrderMessage
    {
        x.CorrelateById(m => m.Message.OrderId);
        // Only OrderSubmitted starts a saga; anything else for an unknown order has nothing to act on.
        x.OnMissingInstance(m => m.Discard());
    }

    // The sweeper saw a deadline the saga may have replaced since (a reply came in between): act only on the current one.
    private static bool IsCurrentDeadline(BehaviorContext<OrderSagaState, SagaDeadlineExpired> context) =>
        context.Saga.Deadline == context.Message.Deadline;

    private EventActivityBinder<OrderSagaState, T> FinishWhenCompensated<T>(EventActivityBinder<OrderSagaState, T> binder)
        where T : class =>
        binder.If(context => context.Saga.IsCompensated, done => done
            .ThenAsync(CancelOrderAsync)
            .TransitionTo(Cancelled));

    private async Task StartAsync(BehaviorContext<OrderSagaState, OrderSubmitted> context)
    {
        var saga = context.Saga;
        var message = context.Message;
        var now = Touch(context);
        saga.CreatedAt = now;
        saga.CustomerId = message.CustomerId;
        saga.Lines = JsonSerializer.Serialize(message.Lines);
        saga.Total = message.Total;
        saga.AwaitingStockReply = true;
        saga.Deadline = DeadlineAfter(now, _deadlines.ReserveStock);
        SagaMetrics.Started.Add(1);

        await context.Publish(new ReserveStock(saga.CorrelationId, [.. message.Lines.Select(l => new OrderLine(l.Sku, l.Quantity))]));
        await ReportAsync(context, OrderStates.ReservingStock, [new(SagaSteps.Reserve, StepStatuses.Started)]);
    }

    private async Task ChargeAsync(BehaviorContext<OrderSagaState, StockReserved> context)
    {
        var saga = context.Saga;
        var now = Touch(context);
        saga.StockReserved = true;
        saga.AwaitingStockReply = false;
        saga.AwaitingPaymentReply = true;
        saga.Deadline = DeadlineAfter(now, _deadlines.ChargePayment);

        await context.Publish(new ChargePayment(saga.CorrelationId, saga.CustomerId, saga.Total));
        await ReportAsync(context, OrderStates.ChargingPayment,
            [new(SagaSteps.Reserve, StepStatuses.Succeeded), new(SagaSteps.Charge, StepStatuses.Started)]);
    }

    private async Task ReservationFailedAsync(BehaviorContext<OrderSagaState, StockReservationFailed> context)
    {
        Touch(context);
        context.Saga.AwaitingStockReply = false;
        // A SKU the inventory does not know makes the order itself invalid; it is not short of stock.
        context.Saga.Reason = context.Message.Reason == StockFailureReasons.UnknownSku
            ? CancellationReasons.Invalid
            : CancellationReasons.OutOfStock;

        // Nothing was held, so there is nothing to undo.
        await CancelOrderAsync(context, SagaSteps.Reserve, StepStatuses.Failed);
    }

    private async Task ReservationTimedOutAsync(BehaviorContext<OrderSagaState, SagaDeadlineExpired> context)
    {
        Touch(context);
        context.Saga.AwaitingStockReply = false;
        context.Saga.Reason = CancellationReasons.ReservationTimeout;

        // Nothing is known to be held; a StockReserved that still comes is released from Cancelled.
        await CancelOrderAsync(context, SagaSteps.Reserve, StepStatuses.TimedOut);
    }

    private async Task CustomerCancelledAsync<T>(BehaviorContext<OrderSagaState, T> context)
        where T : class
    {
        Touch(context);
        context.Saga.Reason = CancellationReasons.CustomerCancelled;
        List<OrderStepChange> steps = [new(SagaSteps.Cancel, StepStatuses.Started)];
        // The deadline of a request still in flight stays: its reply is awaited until then.
        await ReleaseStockAsync(context, steps);
        await ReportAsync(context, OrderStates.Compensating, steps);
    }

    private async Task CommitAsync(BehaviorContext<OrderSagaState, PaymentCharged> context)
    {
        var saga = context.Saga;
        var now = Touch(context);
        saga.PaymentCharged = true;
        saga.AwaitingPaymentReply = false;
        saga.Deadline = DeadlineAfter(now, _deadlines.CommitStock);

        await context.Publish(new CommitStock(saga.CorrelationId));
        await ReportAsync(context, OrderStates.CommittingStock,
            [new(SagaSteps.Charge, StepStatuses.Succeeded), new(SagaSteps.Commit, StepStatuses.Started)]);
    }

    private async Task PaymentDeclinedAsync(BehaviorContext<OrderSagaState, PaymentDeclined> context)
    {
        Touch(context);
        context.Saga.AwaitingPaymentReply = false;
        context.Saga.Deadline = null;
        context.Saga.Reason = CancellationReasons.PaymentDeclined;

        List<OrderStepChange> steps = [new(SagaSteps.Charge, StepStatuses.Failed)];
        await ReleaseStockAsync(context, steps);
        await ReportAsync(context, OrderStates.Compensating, steps);
    }

    private async Task PaymentTimedOutAsync(BehaviorContext<OrderSagaState, SagaDeadlineExpired> context)
    {
        Touch(context);
        context.Saga.AwaitingPaymentReply = false;
        context.Saga.Deadline = null;
        context.Saga.Reason = CancellationReasons.PaymentTimeout;

        List<OrderStepChange> steps = [new(SagaSteps.Charge, StepStatuses.TimedOut)];
        await ReleaseStockAsync(context, steps);
        await ReportAsync(context, OrderStates.Compensating, steps);
    }

    private async Task CompleteAsync(BehaviorContext<OrderSagaState, StockCommitted> context)
    {
        Touch(context);
        // Completing cannot fail and the outbox delivers CompleteOrder: there is nothing left to time out.
        context.Saga.Deadline = null;

        // Progress first: on the order's key the orders service applies them in this order, so by the time the
        // order reads Completed its timeline already holds every step before it. (Completing the order records
        // "complete: Succeeded" there; nothing reports it from here.)
        await ReportAsync(context, OrderStates.Completing,
            [new(SagaSteps.Commit, StepStatuses.Succeeded), new(SagaSteps.Complete, StepStatuses.Started)]);
        await context.Publish(new CompleteOrder(context.Saga.CorrelationId));
    }

    private async Task CommitFailedAsync(BehaviorContext<OrderSagaState, StockCommitFailed> context)
    {
        Touch(context);
        context.Saga.Deadline = null;
        context.Saga.Reason = CancellationReasons.OutOfStock;

        List<OrderStepChange> steps = [new(SagaSteps.Commit, StepStatuses.Failed)];
        await RefundPaymentAsync(context, steps);
        // The hold has gone already, most likely; ReleaseStock is idempotent and its reply confirms it.
        await ReleaseStockAsync(context, steps);
        await ReportAsync(context, OrderStates.Compensating, steps);
    }

    private async Task RetryCommitAsync(BehaviorContext<OrderSagaState, SagaDeadlineExpired> context)
    {
        // No TimedOut/Started pair on the timeline: the step has not failed, it is only slow.
        var now = Touch(context);
        context.Saga.Deadline = DeadlineAfter(now, _deadlines.CommitStock);
        LogCommitResent(context.Saga.CorrelationId);
        await context.Publish(new CommitStock(context.Saga.CorrelationId));
    }

    // Nothing to report: OrderCompleted says the orders service has recorded the step itself.
    private Task CompletedAsync(BehaviorContext<OrderSagaState, OrderCompleted> context)
    {
        var now = Touch(context);
        SagaMetrics.RecordCompleted(now - context.Saga.CreatedAt);
        return Task.CompletedTask;
    }

    private async Task ReservedWhileCompensatingAsync(BehaviorContext<OrderSagaState, StockReserved> context)
    {
        var saga = context.Saga;
        Touch(context);
        saga.AwaitingStockReply = false;
        ClearDeadlineIfIdle(saga);
        if (saga.StockReserved)
        {
            return; // a duplicate: its release was sent the first time
        }

        saga.StockReserved = true;
        List<OrderStepChange> steps = [new(SagaSteps.Reserve, StepStatuses.Succeeded)];
        await ReleaseStockAsync(context, steps);
        await ReportAsync(context, CompensatingState(saga), steps);
    }

    private async Task ReservationFailedWhileCompensatingAsync(BehaviorContext<OrderSagaState, StockReservationFailed> context)
    {
        Touch(context);
        var wasAwaited = context.Saga.AwaitingStockReply;
        context.Saga.AwaitingStockReply = false;
        ClearDeadlineIfIdle(context.Saga);
        if (wasAwaited)
        {
            await ReportAsync(context, OrderStates.Compensating, [new(SagaSteps.Reserve, StepStatuses.Failed)]);
        }
    }

    private async Task ChargedWhileCompensatingAsync(BehaviorContext<OrderSagaState, PaymentCharged> context)
    {
        var saga = context.Saga;
        Touch(context);
        saga.AwaitingPaymentReply = false;
        ClearDeadlineIfIdle(saga);
        if (saga.PaymentCharged)
        {
            return; // a duplicate: its refund was sent the first time
        }

        saga.PaymentCharged = true;
        List<OrderStepChange> steps = [new(SagaSteps.Charge, StepStatuses.Succeeded)];
        await RefundPaymentAsync(context, steps);
        await ReportAsync(context, CompensatingState(saga), steps);
    }

    private async Task DeclinedWhileCompensatingAsync(BehaviorContext<OrderSagaState, PaymentDeclined> context)
    {
        Touch(context);
        var wasAwaited = context.Saga.AwaitingPaymentReply;
        context.Saga.AwaitingPaymentReply = false;
        ClearDeadlineIfIdle(context.Saga);
        if (wasAwaited)
        {
            await ReportAsync(context, OrderStates.Compensating, [new(SagaSteps.Charge, StepStatuses.Failed)]);
        }
    }

    private async Task StockReleasedAsync(BehaviorContext<OrderSagaState, StockReleased> context)
    {
        var saga = context.Saga;
        Touch(context);
        // Only a release of stock the saga knows it holds counts (inventory's hold expiry also says StockReleased).
        if (saga.StockReserved && !saga.StockReleased)
        {
            saga.StockReleased = true;
            await ReportAsync(context, CompensatingState(saga), [new(SagaSteps.Release, StepStatuses.Succeeded)]);
        }
    }

    private async Task PaymentRefundedAsync(BehaviorContext<OrderSagaState, PaymentRefunded> context)
    {
        var saga = context.Saga;
        Touch(context);
        if (saga.PaymentCharged && !saga.PaymentRefunded)
        {
            saga.PaymentRefunded = true;
            await ReportAsync(context, CompensatingState(saga), [new(SagaSteps.Refund, StepStatuses.Succeeded)]);
        }
    }

    private async Task StopWaitingAsync(BehaviorContext<OrderSagaState, SagaDeadlineExpired> context)
    {
        var saga = context.Saga;
        Touch(context);
        List<OrderStepChange> steps = [];
        if (saga.AwaitingStockReply)
        {
            steps.Add(new(SagaSteps.Reserve, StepStatuses.TimedOut));
        }

        if (saga.AwaitingPaymentReply)
        {
            steps.Add(new(SagaSteps.Charge, StepStatuses.TimedOut));
        }

        await ReportAsync(context, OrderStates.Compensating, steps);
        saga.AwaitingStockReply = false;
        saga.AwaitingPaymentReply = false;
        saga.Deadline = null;
    }

    /// <summary>Releases held stock, if any, and adds the step it started to the event's <paramref name="steps"/>.</summary>
    private static async Task ReleaseStockAsync(BehaviorContext<OrderSagaState> context, List<OrderStepChange> steps)
    {
        if (context.Saga.StockReserved && !context.Saga.StockReleased)
        {
            await context.Publish(new ReleaseStock(context.Saga.CorrelationId));
            steps.Add(new(SagaSteps.Release, StepStatuses.Started));
        }
    }

    /// <summary>Refunds a charge, if any, and adds the step it started to the event's <paramref name="steps"/>.</summary>
    private static async Task RefundPaymentAsync(BehaviorContext<OrderSagaState> context, List<OrderStepChange> steps)
    {
        if (context.Saga.PaymentCharged && !context.Saga.PaymentRefunded)
        {
            await context.Publish(new RefundPayment(context.Saga.CorrelationId));
            steps.Add(new(SagaSteps.Refund, StepStatuses.Started));
        }
    }

    private Task CancelOrderAsync(BehaviorContext<OrderSagaState> context) => CancelOrderAsync(context, null, null);

    private async Task CancelOrderAsync(BehaviorContext<OrderSagaState> context, string? failedStep, string? failedStatus)
    {
        var saga = context.Saga;
        var now = Touch(context);
        saga.Deadline = null;
        var reason = saga.Reason ?? CancellationReasons.Invalid;
        SagaMetrics.RecordCancelled(reason, now - saga.CreatedAt);

        // The failed step is reported before CancelOrder: on the order's key the orders service applies them in this
        // order, so by the time the order reads Cancelled its timeline already says why. (Progress never makes an
        // order terminal by itself; CancelOrder does, with its reason, and records "cancel: Succeeded" itself.)
        if (failedStep is not null && failedStatus is not null)
        {
            await ReportAsync(context, OrderStates.Cancelled, [new(failedStep, failedStatus)]);
        }

        await context.Publish(new CancelOrder(saga.CorrelationId, reason));
    }

    /// <summary>
    /// Reports the steps one event moved, in the order they happened, in one message; nothing if it moved none.
    /// <paramref name="state"/> is the saga's state after the event.
    /// </summary>
    private Task ReportAsync(BehaviorContext<OrderSagaState> context, string state, IReadOnlyList<OrderStepChange> steps) =>
        steps.Count == 0
            ? Task.CompletedTask
            : context.Publish(new RecordOrderProgressV2(context.Saga.CorrelationId, state, steps, _time.GetUtcNow()));

    // A compensation started from Cancelled (a late reply) keeps reporting Cancelled.
    private static string CompensatingState(OrderSagaState saga) =>
        OrderStates.IsTerminal(saga.CurrentState) ? saga.CurrentState : OrderStates.Compensating;

    private DateTimeOffset Touch(BehaviorContext<OrderSagaState> context)
    {
        var now = _time.GetUtcNow();
        context.Saga.UpdatedAt = now;
        return now;
    }

    private static void ClearDeadlineIfIdle(OrderSagaState saga)
    {
        if (!saga.AwaitingStockReply && !saga.AwaitingPaymentReply)
        {
            saga.Deadline = null;
        }
    }

    // Postgres keeps microseconds: a deadline rounded to them reads back equal, so the sweeper's copy of it is
    // recognised as current.
    private static DateTimeOffset DeadlineAfter(DateTimeOffset now, TimeSpan timeout)
    {
        var deadline = now + timeout;
        return new DateTimeOffset(deadline.Ticks - (deadline.Ticks % 10), deadline.Offset);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Event} for order {OrderId} in state {State}")]
    private partial void LogIgnored(string @event, Guid orderId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Order {OrderId}: stock commit not confirmed before its deadline; CommitStock sent again")]
    private partial void LogCommitResent(Guid orderId);
}
