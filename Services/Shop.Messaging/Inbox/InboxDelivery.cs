namespace Shop.Messaging.Inbox;

/// <summary>A record that passed the inbox's envelope checks and decoded: what handling it needs.</summary>
internal sealed record InboxDelivery(
    Guid MessageId,
    string TypeName,
    string? CorrelationId,
    object Handler,
    Func<object, object, CancellationToken, Task> Invoke,
    object Body);
