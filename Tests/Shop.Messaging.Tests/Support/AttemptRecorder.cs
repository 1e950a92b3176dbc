using System.Collections.Concurrent;

namespace Shop.Messaging.Tests.Support;

/// <summary>Counts handler attempts and successes per record key.</summary>
public sealed class AttemptRecorder
{
    public ConcurrentDictionary<string, int> Attempts { get; } = new();

    public ConcurrentDictionary<string, int> Successes { get; } = new();

    /// <summary>Keys in the order they were handled successfully.</summary>
    public ConcurrentQueue<string> Handled { get; } = new();

    public int Attempt(string key) => Attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    public void Succeeded(string key)
    {
        Successes.AddOrUpdate(key, 1, (_, n) => n + 1);
        Handled.Enqueue(key);
    }
}
