namespace Shop.Messaging.Outbox;

/// <summary>
/// Adds messages to the service's <c>outbox</c> table through the scope's DbContext. They are stored by the
/// same SaveChanges (and transaction) as the state change they belong to, and published by the relay only
/// after that commit. A handler or endpoint never produces to Kafka itself.
/// </summary>
public interface IOutbox
{
    /// <summary>Queues <paramref name="message"/> (a type carrying <c>[MessageContract]</c>) for its topic,
    /// keyed by <paramref name="key"/> (the order id: one order's messages stay in order).</summary>
    void Add<TMessage>(TMessage message, string key)
        where TMessage : class;
}
