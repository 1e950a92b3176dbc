namespace Shop.Scenarios.Client;

public sealed record TimelineEntryDto(string Step, string Status, DateTimeOffset At);
