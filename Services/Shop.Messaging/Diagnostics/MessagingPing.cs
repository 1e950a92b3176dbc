namespace Shop.Messaging.Diagnostics;

/// <summary>An operational message every service consumes: proves that a record produced by one process
/// reaches consumers in the others, through the real broker.</summary>
public sealed record MessagingPing(Guid PingId, string From, string FromInstance, DateTimeOffset SentAt);
