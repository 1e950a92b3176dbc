namespace Shop.Messaging.Kafka;

/// <summary>The project's topics (DESIGN §3). Each has a dead-letter twin, <c>&lt;topic&gt;.dlq</c>.</summary>
public static class Topics
{
    public const string OrdersEvents = "orders.events";
    public const string InventoryEvents = "inventory.events";
    public const string PaymentsEvents = "payments.events";
    public const string OrdersCommands = "orders.commands";
    public const string InventoryCommands = "inventory.commands";
    public const string PaymentsCommands = "payments.commands";

    /// <summary>Operational pings between services; proves the message path end to end.</summary>
    public const string Diagnostics = "shop.diagnostics";

    public const string DeadLetterSuffix = ".dlq";

    public static IReadOnlyList<string> Business { get; } =
    [
        OrdersEvents, InventoryEvents, PaymentsEvents,
        OrdersCommands, InventoryCommands, PaymentsCommands,
    ];

    /// <summary>Every topic the system uses, dead-letter topics included.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. Business, .. Business.Select(DeadLetter), Diagnostics];

    public static string DeadLetter(string topic) => topic + DeadLetterSuffix;
}
