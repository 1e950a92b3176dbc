using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Shop.ServiceDefaults.Resilience;

// Registered before any per-client callback, so configuration sets the baseline and code overrides it.
internal sealed class HttpStandardResilienceOptionsSetup(IConfiguration? configuration = null)
    : IConfigureNamedOptions<HttpStandardResilienceOptions>
{
    public void Configure(string? name, HttpStandardResilienceOptions options) =>
        configuration?.GetSection(HttpStandardResilienceOptions.ConfigurationSectionName).Bind(options);

    public void Configure(HttpStandardResilienceOptions options) => Configure(Options.DefaultName, options);
}
