namespace Shop.Messaging.Inbox;

/// <summary>The consumer group of the service's inbox consumer; inbox rows are keyed by it and the message id.</summary>
public sealed record InboxConsumerGroup(string GroupId);
