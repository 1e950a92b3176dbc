using System.Collections.Concurrent;

namespace Shop.LoadTests;

/// <summary>Live counters shared by every driver task, read once a second by the progress line.</summary>
public sealed class LoadCounters
{
    private const int ErrorExamples = 5;

    private int _inFlight;
    private long _polls;

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Polls => Interlocked.Read(ref _polls);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Ended() => Interlocked.Decrement(ref _inFlight);

    public void Polled() => Interlocked.Increment(ref _polls);

    /// <summary>Error kind → how many; with the first few messages of each kind kept to explain it.</summary>
    public ConcurrentDictionary<string, int> Errors { get; } = new();

    /// <summary>Answers by which the service refused an order on purpose (503, 429) → how many.</summary>
    public ConcurrentDictionary<string, int> Rejections { get; } = new();

    /// <summary>The first few answers of each error or rejection kind.</summary>
    public ConcurrentQueue<string> ErrorExamplesSeen { get; } = new();

    public void NoteError(string kind, string detail) => Note(Errors, kind, detail);

    public void NoteRejection(string kind, string detail) => Note(Rejections, kind, detail);

    private void Note(ConcurrentDictionary<string, int> kinds, string kind, string detail)
    {
        if (kinds.AddOrUpdate(kind, 1, (_, n) => n + 1) <= ErrorExamples)
        {
            ErrorExamplesSeen.Enqueue($"{kind}: {(detail.Length > 300 ? detail[..300] : detail)}");
        }
    }
}
