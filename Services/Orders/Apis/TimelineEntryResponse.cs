namespace Shop.Orders.Apis;

public sealed record TimelineEntryResponse(string Step, string Status, DateTimeOffset At);
