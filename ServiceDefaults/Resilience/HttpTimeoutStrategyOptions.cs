using Polly.Timeout;

namespace Shop.ServiceDefaults.Resilience;

public class HttpTimeoutStrategyOptions : TimeoutStrategyOptions
{
}
