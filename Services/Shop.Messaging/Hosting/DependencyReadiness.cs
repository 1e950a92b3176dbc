namespace Shop.Messaging.Hosting;

/// <summary>Whether a start-up step that runs in the background (migrations, topic creation) has finished,
/// and if not, why. Health checks report it; dependants await <see cref="WhenReady"/>.</summary>
public class DependencyReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _lastError;

    public bool IsReady => _ready.Task.IsCompleted;

    public string? LastError => _lastError;

    public Task WhenReady(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);

    public void MarkReady()
    {
        _lastError = null;
        _ready.TrySetResult();
    }

    public void MarkFailed(string error) => _lastError = error;
}
