namespace Shop.ServiceDefaults.Resilience;

// Mirrors Microsoft.Extensions.Http.Resilience's HttpStandardResilienceOptions (same property names and
// defaults, without the rate limiter), so configuration and per-client overrides carry over if it is swapped in.
// Bound from the "HttpClient:Resilience" configuration section.
public class HttpStandardResilienceOptions
{
    public const string ConfigurationSectionName = "HttpClient:Resilience";

    public HttpTimeoutStrategyOptions TotalRequestTimeout { get; set; } = new()
    {
        Name = "Standard-TotalRequestTimeout",
    };

    public HttpRetryStrategyOptions Retry { get; set; } = new()
    {
        Name = "Standard-Retry",
    };

    public HttpCircuitBreakerStrategyOptions CircuitBreaker { get; set; } = new()
    {
        Name = "Standard-CircuitBreaker",
    };

    public HttpTimeoutStrategyOptions AttemptTimeout { get; set; } = new()
    {
        Name = "Standard-AttemptTimeout",
        Timeout = TimeSpan.FromSeconds(10),
    };
}
