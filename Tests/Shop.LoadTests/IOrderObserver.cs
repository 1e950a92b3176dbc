namespace Shop.LoadTests;

/// <summary>How the generator learns that an order it placed became terminal (<c>--observe</c>).</summary>
public interface IOrderObserver
{
    /// <summary>The method, for the report: what a latency figure measures.</summary>
    string Description { get; }

    /// <summary>Follows the order until its status is terminal; null if it was not by <paramref name="deadline"/>
    /// (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    Task<ObservedOrder?> WaitForTerminalAsync(HttpClient client, Guid orderId, long submitted, long deadline, CancellationToken cancellationToken);
}
