using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shop.ServiceDefaults.Resilience;

namespace Shop.ServiceDefaults.Tests.Support;

// A client built the way services build theirs (IHttpClientFactory), with the stub as the network.
internal sealed class ResilientClient : IDisposable
{
    private readonly ServiceProvider _services;

    private ResilientClient(ServiceProvider services, HttpClient client)
    {
        _services = services;
        Client = client;
    }

    public HttpClient Client { get; }

    public static ResilientClient Create(
        StubHandler network,
        Action<HttpStandardResilienceOptions>? configure = null,
        Dictionary<string, string?>? configuration = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration ?? []).Build());
        services.AddHttpClient("test")
            .ConfigurePrimaryHttpMessageHandler(() => network)
            .AddStandardResilienceHandler(configure);

        var provider = services.BuildServiceProvider();
        try
        {
            return new ResilientClient(provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient("test"));
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        _services.Dispose();
    }
}
