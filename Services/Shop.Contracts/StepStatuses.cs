namespace Shop.Contracts;

/// <summary>The status of one timeline step.</summary>
public static class StepStatuses
{
    public const string Started = "Started";
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string TimedOut = "TimedOut";
}
