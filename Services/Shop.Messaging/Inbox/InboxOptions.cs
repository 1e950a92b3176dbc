namespace Shop.Messaging.Inbox;

/// <summary>Inbox settings, section <c>Messaging:Inbox</c>.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Messaging:Inbox";

    /// <summary>
    /// How long a handled message id is remembered. A redelivery older than this is handled again, so keep it
    /// above the topics' retention; the handlers are idempotent on their business keys as a second line anyway.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}
