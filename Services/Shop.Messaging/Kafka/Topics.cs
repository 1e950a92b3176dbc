using Shop.Contracts;

namespace Shop.Messaging.Kafka;

/// <summary>The project's topics (DESIGN §3). Each has a dead-letter twin, <c>&lt;topic&gt;.dlq</c>.</summary>
public static class Topics
{
    public const string OrdersEvents = ContractTopics.OrdersEvents;
    public const string InventoryEvents = ContractTopics.InventoryEvents;
    public const string PaymentsEvents = ContractTopics.PaymentsEvents;
    public const string OrdersCommands = ContractTopics.OrdersCommands;
    public const string InventoryCommands = ContractTopics.InventoryCommands;
    public const string PaymentsCommands = ContractTopics.PaymentsCommands;

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
