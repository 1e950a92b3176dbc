using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shop.ServiceDefaults.Resilience;

namespace Microsoft.Extensions.DependencyInjection;

// Same name and namespace as Microsoft.Extensions.Http.Resilience's, so that package can replace this one.
public static class ResilienceHttpClientBuilderExtensions
{
    /// <summary>
    /// Adds, outermost first: total request timeout, retry, circuit breaker, attempt timeout.
    /// Each request authority (scheme, host, port) has its own circuit.
    /// Options come from the "HttpClient:Resilience" configuration section, then <paramref name="configure"/>.
    /// </summary>
    public static IHttpClientBuilder AddStandardResilienceHandler(
        this IHttpClientBuilder builder,
        Action<HttpStandardResilienceOptions>? configure = null)
    {
        // ConfigureHttpClientDefaults passes a builder without a name: its options apply to every client.
        var optionsName = builder.Name ?? Options.Options.DefaultName;
        var services = builder.Services;

        services.AddOptions();
        services.TryAddSingleton<HttpResiliencePipelineCache>();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IConfigureOptions<HttpStandardResilienceOptions>, HttpStandardResilienceOptionsSetup>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<HttpStandardResilienceOptions>, HttpStandardResilienceOptionsValidator>());

        if (configure is not null)
        {
            services.Configure(optionsName, configure);
        }

        builder.AddHttpMessageHandler(serviceProvider =>
        {
            var pipelines = serviceProvider.GetRequiredService<HttpResiliencePipelineCache>();

            // Resolving the options here makes invalid settings fail when the client is created, not on its first call.
            _ = pipelines.GetOptions(optionsName);

            return new ResilienceHandler(request => pipelines.GetPipeline(optionsName, request.RequestUri));
        });

        return builder;
    }
}
