using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Shop.Orders.RateLimiting;

/// <summary>
/// The limits on submitting orders (token buckets in Redis, per customer and per client address). It runs after the
/// body is validated, because the customer id comes from the body, and before anything is looked up or stored; a
/// request refused as invalid (400) therefore costs no token, which is cheap to allow: it never reaches the
/// database or inventory. A refused request gets 429 problem+json with <c>Retry-After</c> and stores nothing.
/// Redis is an optimisation here, not a dependency: when it does not answer in time, the request is let through
/// (fail open), counted in <c>shop.ratelimit.fail_open</c>, and a warning is logged at most every 30 seconds. While the
/// client is disconnected a command fails at once (<c>BacklogPolicy.FailFast</c>, see <c>AddOptionalRedisClient</c>),
/// so an outage costs a request nothing; <see cref="RateLimitingOptions.Timeout"/> bounds a Redis that is connected
/// but slow.
/// </summary>
public sealed partial class OrderRateLimiter(
    IConnectionMultiplexer redis, IOptionsMonitor<RateLimitingOptions> options, TimeProvider time, ILogger<OrderRateLimiter> logger)
{
    private const string CustomerLimit = "customer";
    private const string AddressLimit = "client-address";
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(30);
    private long _lastWarningTicks = long.MinValue;
    private long _failedOpenSinceWarning;

    /// <summary>Null when the request may go on; otherwise the 429 to answer (the <c>Retry-After</c> header is set).</summary>
    public async Task<ProblemHttpResult?> CheckAsync(HttpContext http, string customerId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (!settings.Enabled)
        {
            return null;
        }

        var keys = new List<RedisKey>(2) { $"{{ratelimit:orders}}:customer:{customerId}" };
        var arguments = new List<RedisValue>(4) { settings.PerCustomer.PermitsPerSecond, settings.PerCustomer.Burst };
        var limits = new List<string>(2) { CustomerLimit };
        if (ClientAddress.BucketOf(http.Connection.RemoteIpAddress) is { } address)
        {
            keys.Add($"{{ratelimit:orders}}:address:{address}");
            arguments.Add(settings.PerClientAddress.PermitsPerSecond);
            arguments.Add(settings.PerClientAddress.Burst);
            limits.Add(AddressLimit);
        }

        long[] verdict;
        try
        {
            // StackExchange.Redis takes no cancellation token: the wait is bounded here, the command itself by the
            // client's AsyncTimeout (a verdict that comes after the request went on is simply dropped).
            var reply = await redis.GetDatabase()
                .ScriptEvaluateAsync(TokenBucketScript.Script, [.. keys], [.. arguments])
                .WaitAsync(settings.Timeout, cancellationToken);
            verdict = [.. ((RedisResult[])reply!).Select(item => (long)item)];
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            FailOpen(ex);
            return null;
        }

        if (verdict[0] == 1)
        {
            RateLimitingTelemetry.Decisions.Add(1, new KeyValuePair<string, object?>("result", "allowed"));
            return null;
        }

        var limit = limits[(int)verdict[2] - 1];
        RateLimitingTelemetry.Decisions.Add(1, new("result", "denied"), new("limit", limit));
        var retryAfterSeconds = Math.Max(1, (long)Math.Ceiling(verdict[1] / 1000.0));
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many orders.",
            detail: limit == CustomerLimit
                ? $"Customer '{customerId}' is submitting orders faster than allowed; retry after {retryAfterSeconds} s."
                : $"This client address is submitting orders faster than allowed; retry after {retryAfterSeconds} s.",
            extensions: new Dictionary<string, object?> { ["limit"] = limit, ["retryAfterSeconds"] = retryAfterSeconds });
    }

    private void FailOpen(Exception exception)
    {
        RateLimitingTelemetry.FailOpen.Add(1);
        var count = Interlocked.Increment(ref _failedOpenSinceWarning);
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastWarningTicks);
        // One warning per interval, however many requests fail open: an outage must not flood the log.
        if ((last == long.MinValue || time.GetElapsedTime(last, now) >= WarningInterval)
            && Interlocked.CompareExchange(ref _lastWarningTicks, now, last) == last)
        {
            Interlocked.Exchange(ref _failedOpenSinceWarning, 0);
            LogFailedOpen(exception, count);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Rate limiting failed open: Redis did not answer, {Count} order submissions let through unchecked since the last warning")]
    private partial void LogFailedOpen(Exception exception, long count);
}
