using Shop.Contracts;
using Shop.Contracts.Orders;

namespace Shop.Orders.Domain;

/// <summary>
/// An order and its read model: the status and timeline the orchestrator reports. The saga decides what
/// happens to the order; this aggregate only refuses what can never be true (leaving a terminal state).
/// </summary>
public sealed class Order
{
    public const int MaxCustomerIdLength = 100;
    public const int MaxIdempotencyKeyLength = 100;
    public const int MaxSkuLength = 64;
    public const int MaxLines = 50;
    public const int MaxQuantity = 1000;

    private readonly List<OrderItem> _lines = [];
    private readonly List<OrderTimelineEntry> _timeline = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    public string CustomerId { get; private set; } = "";

    public string Status { get; private set; } = OrderStates.Submitted;

    public string? Reason { get; private set; }

    public decimal Total { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    /// <summary>SHA-256 of the submitted request, so a replayed key can be told apart from a reused one.</summary>
    public string RequestHash { get; private set; } = "";

    public IReadOnlyList<OrderItem> Lines => _lines;

    public IReadOnlyList<OrderTimelineEntry> Timeline => _timeline;

    public bool IsTerminal => OrderStates.IsTerminal(Status);

    public static Order Submit(
        Guid id, string customerId, IReadOnlyList<PricedOrderLine> lines, string idempotencyKey, string requestHash, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestHash);
        if (lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(lines));
        }

        var at = Timestamps.Normalize(now);
        var order = new Order
        {
            Id = id,
            CustomerId = customerId,
            IdempotencyKey = idempotencyKey,
            RequestHash = requestHash,
            CreatedAt = at,
            UpdatedAt = at,
        };

        for (var i = 0; i < lines.Count; i++)
        {
            order._lines.Add(new OrderItem(id, i + 1, lines[i].Sku, lines[i].Quantity, lines[i].UnitPrice));
        }

        order.Total = order._lines.Sum(line => line.Quantity * line.UnitPrice);
        return order;
    }

    /// <summary>
    /// Records what one saga event changed: the steps it moved, in order, and the saga's state after it. The status
    /// follows the saga only while the order is not terminal, and never becomes terminal here: Completed and Cancelled
    /// come with <see cref="Complete"/> and <see cref="Cancel"/>, which carry the reason, record the step and publish
    /// the outcome. The timeline is always updated, so compensations that finish after the order was cancelled still show.
    /// </summary>
    public void RecordProgress(string state, IReadOnlyList<OrderStepChange> steps, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        ArgumentNullException.ThrowIfNull(steps);
        at = Timestamps.Normalize(at);

        foreach (var (step, stepStatus) in steps)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(step);
            ArgumentException.ThrowIfNullOrWhiteSpace(stepStatus);
        }

        foreach (var (step, stepStatus) in steps)
        {
            // The orchestrator reports "complete: Started" next to CompleteOrder, so it may be applied once the order
            // is already Completed; the step the order itself finished must not slide back.
            if (!(step == TerminalStep && stepStatus == StepStatuses.Started))
            {
                UpsertStep(step, stepStatus, at);
            }
        }

        if (!IsTerminal && !OrderStates.IsTerminal(state))
        {
            Status = state;
        }

        Touch(at);
    }

    /// <summary>Records one saga step, as <c>orders.record-order-progress.v1</c> reports it.</summary>
    public void RecordProgress(string state, string step, string stepStatus, DateTimeOffset at) =>
        RecordProgress(state, [new OrderStepChange(step, stepStatus)], at);

    public TerminalTransition Complete(DateTimeOffset at) => EndIn(OrderStates.Completed, reason: null, at);

    public TerminalTransition Cancel(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return EndIn(OrderStates.Cancelled, reason, at);
    }

    /// <summary>Checks that the customer may still ask to cancel. It changes nothing: the saga decides
    /// whether it is still possible and reports the outcome.</summary>
    public void RequestCancellation()
    {
        if (IsTerminal)
        {
            throw new OrderStateException($"Order {Id} is already {Status}.");
        }
    }

    private TerminalTransition EndIn(string terminalState, string? reason, DateTimeOffset at)
    {
        if (Status == terminalState)
        {
            return TerminalTransition.AlreadyDone;
        }

        if (IsTerminal)
        {
            return TerminalTransition.Conflict;
        }

        Status = terminalState;
        Reason = reason;
        at = Timestamps.Normalize(at);
        // Completed/Cancelled means that step is done: the timeline says so as soon as the status does.
        UpsertStep(TerminalStep!, StepStatuses.Succeeded, at);
        Touch(at);
        return TerminalTransition.Applied;
    }

    /// <summary>The timeline step that made the order terminal, if it is.</summary>
    private string? TerminalStep => Status switch
    {
        OrderStates.Completed => SagaSteps.Complete,
        OrderStates.Cancelled => SagaSteps.Cancel,
        _ => null,
    };

    private void UpsertStep(string step, string stepStatus, DateTimeOffset at)
    {
        var entry = _timeline.Find(e => e.Step == step);
        if (entry is null)
        {
            var sequence = _timeline.Count == 0 ? 1 : _timeline.Max(e => e.Sequence) + 1;
            _timeline.Add(new OrderTimelineEntry(Id, step, sequence, stepStatus, at));
        }
        else
        {
            entry.Update(stepStatus, at);
        }
    }

    private void Touch(DateTimeOffset at)
    {
        if (at > UpdatedAt)
        {
            UpdatedAt = at;
        }
    }
}
