namespace Shop.Messaging.Tests.Transactional;

/// <summary>The state a test handler changes: one row per shipped widget, counting deliveries that got through.</summary>
public sealed class Widget
{
    public Guid OrderId { get; set; }

    public required string Name { get; set; }

    public int TimesHandled { get; set; }
}
