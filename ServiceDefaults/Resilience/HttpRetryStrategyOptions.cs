using Polly;
using Polly.Retry;

namespace Shop.ServiceDefaults.Resilience;

public class HttpRetryStrategyOptions : RetryStrategyOptions<HttpResponseMessage>
{
    private bool _shouldRetryAfterHeader;

    public HttpRetryStrategyOptions()
    {
        ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
        BackoffType = DelayBackoffType.Exponential;
        UseJitter = true;
        ShouldRetryAfterHeader = true;
    }

    /// <summary>
    /// When the server says when to come back (429, 503 with Retry-After), wait that long instead of the backoff.
    /// </summary>
    public bool ShouldRetryAfterHeader
    {
        get => _shouldRetryAfterHeader;
        set
        {
            _shouldRetryAfterHeader = value;
            DelayGenerator = value ? RetryAfterDelay : null;
        }
    }

    private static ValueTask<TimeSpan?> RetryAfterDelay(RetryDelayGeneratorArguments<HttpResponseMessage> args)
    {
        var retryAfter = args.Outcome.Result?.Headers.RetryAfter;
        TimeSpan? delay = retryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

        return ValueTask.FromResult(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
    }
}
