using Polly.CircuitBreaker;

namespace Shop.ServiceDefaults.Resilience;

// Polly's defaults (failure ratio 0.1 over 30 s, minimum throughput 100, break 5 s) are the ones
// Microsoft.Extensions.Http.Resilience uses; only what counts as a failure is HTTP-specific.
public class HttpCircuitBreakerStrategyOptions : CircuitBreakerStrategyOptions<HttpResponseMessage>
{
    public HttpCircuitBreakerStrategyOptions()
    {
        ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome));
    }
}
