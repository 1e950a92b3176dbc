using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace Shop.ServiceDefaults.Resilience;

// One pipeline per (options, authority): with handlers registered for every client through
// ConfigureHttpClientDefaults, a single pipeline would let one failing service open the circuit for calls to
// all the others. Keeping the pipelines here, outside the handlers that IHttpClientFactory rebuilds every
// couple of minutes, keeps the circuit state across those rebuilds.
internal sealed class HttpResiliencePipelineCache(IOptionsMonitor<HttpStandardResilienceOptions> optionsMonitor) : IDisposable
{
    private readonly ResiliencePipelineRegistry<(string OptionsName, string Authority)> _registry = new();

    public HttpStandardResilienceOptions GetOptions(string optionsName) => optionsMonitor.Get(optionsName);

    public ResiliencePipeline<HttpResponseMessage> GetPipeline(string optionsName, Uri? requestUri)
    {
        var authority = requestUri is { IsAbsoluteUri: true } ? $"{requestUri.Scheme}://{requestUri.Authority}" : string.Empty;

        return _registry.GetOrAddPipeline<HttpResponseMessage>((optionsName, authority), pipeline =>
        {
            var options = optionsMonitor.Get(optionsName);
            pipeline
                .AddTimeout(options.TotalRequestTimeout)
                .AddRetry(options.Retry)
                .AddCircuitBreaker(options.CircuitBreaker)
                .AddTimeout(options.AttemptTimeout);
        });
    }

    public void Dispose() => _registry.Dispose();
}
