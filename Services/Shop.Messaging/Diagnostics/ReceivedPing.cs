namespace Shop.Messaging.Diagnostics;

public sealed record ReceivedPing(
    Guid PingId, string From, string FromInstance, string ReceivedBy, string ReceivedByInstance,
    DateTimeOffset SentAt, DateTimeOffset ReceivedAt);
