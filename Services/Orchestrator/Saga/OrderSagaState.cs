using MassTransit;

namespace Shop.Orchestrator.Saga;

/// <summary>
/// One order's saga: where it is, what it has done so far (the facts compensation depends on), and what it is
/// waiting for. Kept after the order ends, so late replies still find it and can be compensated.
/// </summary>
public sealed class OrderSagaState : SagaStateMachineInstance
{
    /// <summary>The order id.</summary>
    public Guid CorrelationId { get; set; }

    /// <summary>One of <see cref="Shop.Contracts.OrderStates"/>.</summary>
    public string CurrentState { get; set; } = string.Empty;

    public string CustomerId { get; set; } = string.Empty;

    /// <summary>The priced lines as submitted, JSON (kept for diagnosis; no step needs them again).</summary>
    public string Lines { get; set; } = "[]";

    public decimal Total { get; set; }

    /// <summary>Why the order is being (or was) cancelled, one of <see cref="Shop.Contracts.CancellationReasons"/>.</summary>
    public string? Reason { get; set; }

    public bool StockReserved { get; set; }

    public bool PaymentCharged { get; set; }

    public bool StockReleased { get; set; }

    public bool PaymentRefunded { get; set; }

    /// <summary>A ReserveStock was sent and neither its reply nor its deadline has come.</summary>
    public bool AwaitingStockReply { get; set; }

    /// <summary>A ChargePayment was sent and neither its reply nor its deadline has come.</summary>
    public bool AwaitingPaymentReply { get; set; }

    /// <summary>When the saga stops waiting for what it waits for now; null when it waits on nothing that can time out.</summary>
    public DateTimeOffset? Deadline { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Postgres <c>xmin</c>: two replicas handling the same order cannot both save.</summary>
    public uint Version { get; set; }

    /// <summary>Every compensation sent is confirmed and no step reply is awaited: the order may be cancelled.</summary>
    public bool IsCompensated =>
        !AwaitingStockReply && !AwaitingPaymentReply
        && (!StockReserved || StockReleased)
        && (!PaymentCharged || PaymentRefunded);
}
