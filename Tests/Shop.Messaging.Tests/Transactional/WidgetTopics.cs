using Shop.Messaging.Kafka;

namespace Shop.Messaging.Tests.Transactional;

public static class WidgetTopics
{
    public const string Widgets = "test.widgets";

    public static IReadOnlyList<string> All { get; } = [Widgets, Topics.DeadLetter(Widgets)];
}
