using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults.Resilience;

// Polly validates each strategy on its own; these are the combinations that only make sense together
// (the same rules Microsoft.Extensions.Http.Resilience enforces).
internal sealed class HttpStandardResilienceOptionsValidator : IValidateOptions<HttpStandardResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpStandardResilienceOptions options)
    {
        var failures = new List<string>();

        if (options.AttemptTimeout.Timeout > options.TotalRequestTimeout.Timeout)
        {
            failures.Add(
                $"AttemptTimeout ({options.AttemptTimeout.Timeout}) must not exceed TotalRequestTimeout ({options.TotalRequestTimeout.Timeout}).");
        }

        if (options.CircuitBreaker.SamplingDuration < 2 * options.AttemptTimeout.Timeout)
        {
            failures.Add(
                $"CircuitBreaker.SamplingDuration ({options.CircuitBreaker.SamplingDuration}) must be at least twice AttemptTimeout ({options.AttemptTimeout.Timeout}), or timed-out attempts fall outside the window that should count them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
