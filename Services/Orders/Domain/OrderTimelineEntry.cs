namespace Shop.Orders.Domain;

/// <summary>
/// The latest status of one saga step of an order. <see cref="Sequence"/> is when the step first appeared,
/// so the timeline reads in the order things started even when a step's status changes later.
/// </summary>
public sealed class OrderTimelineEntry
{
    internal OrderTimelineEntry(Guid orderId, string step, int sequence, string status, DateTimeOffset at)
    {
        OrderId = orderId;
        Step = step;
        Sequence = sequence;
        Status = status;
        At = at;
    }

    public Guid OrderId { get; private set; }

    public string Step { get; private set; }

    public int Sequence { get; private set; }

    public string Status { get; private set; }

    public DateTimeOffset At { get; private set; }

    internal void Update(string status, DateTimeOffset at)
    {
        Status = status;
        At = at;
    }
}
