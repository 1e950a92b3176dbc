using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Shop.ServiceDefaults.Tests.Support;

/// <summary>A generic host with <c>AddServiceDefaults()</c>, as a service builds it, whose named HttpClients send
/// to the given stub network instead of sockets.</summary>
internal static class ServiceDefaultsHost
{
    public static IHost Build(StubHandler network, Dictionary<string, string?> settings, params string[] clients)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddServiceDefaults();
        foreach (var client in clients)
        {
            builder.Services.AddHttpClient(client).ConfigurePrimaryHttpMessageHandler(() => network);
        }

        return builder.Build();
    }

    public static HttpClient Client(this IHost host, string name) =>
        host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(name);
}
