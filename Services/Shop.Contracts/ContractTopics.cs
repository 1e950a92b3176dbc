namespace Shop.Contracts;

/// <summary>Where each service's commands and events travel (DESIGN §3).</summary>
public static class ContractTopics
{
    public const string OrdersEvents = "orders.events";
    public const string OrdersCommands = "orders.commands";
    public const string InventoryEvents = "inventory.events";
    public const string InventoryCommands = "inventory.commands";
    public const string PaymentsEvents = "payments.events";
    public const string PaymentsCommands = "payments.commands";
}
