namespace Shop.DeadLetters;

/// <summary>A command line <c>shop-dlq</c> cannot run: printed with the usage, exit code 2.</summary>
public sealed class UsageException(string? problem) : Exception(problem ?? "usage")
{
    public string? Problem { get; } = problem;
}
