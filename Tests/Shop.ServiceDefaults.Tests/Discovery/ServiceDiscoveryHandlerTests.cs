using System.Net;
using Microsoft.Extensions.Configuration;
using Shop.ServiceDefaults.Discovery;
using Shop.ServiceDefaults.Tests.Support;

namespace Shop.ServiceDefaults.Tests.Discovery;

public sealed class ServiceDiscoveryHandlerTests
{
    [Fact]
    public async Task Resolves_logical_host_from_configuration()
    {
        // Arrange
        var (client, network) = CreateClient(new() { ["services:inventory:http:0"] = "http://localhost:5123" });

        // Act
        var response = await client.GetAsync("http://inventory/api/products?sku=A-1&page=2");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.RequestUris.Should().ContainSingle()
            .Which.Should().Be(new Uri("http://localhost:5123/api/products?sku=A-1&page=2"));
    }

    [Fact]
    public async Task Resolves_the_form_Aspire_injects_as_environment_variables()
    {
        // Arrange
        var variable = $"services__inventory{Guid.NewGuid():N}__http__0";
        Environment.SetEnvironmentVariable(variable, "http://localhost:6001");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var (client, network) = CreateClientReading(configuration);
            var serviceName = variable.Split("__")[1];

            // Act
            await client.GetAsync($"http://{serviceName}/api/products");

            // Assert
            network.RequestUris.Should().ContainSingle()
                .Which.Should().Be(new Uri("http://localhost:6001/api/products"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Fails_clearly_when_the_service_is_not_configured()
    {
        // Arrange
        var (client, network) = CreateClient(new() { ["services:payments:http:0"] = "http://localhost:5200" });

        // Act
        var act = () => client.GetAsync("http://inventory/api/products");

        // Assert
        await act.Should().ThrowAsync<ServiceDiscoveryException>()
            .WithMessage("No endpoint is configured for service 'inventory' (looked for configuration 'services:inventory:http:0').");
        network.Calls.Should().Be(0);
    }

    [Fact]
    public async Task Https_scheme_uses_the_https_endpoint()
    {
        // Arrange
        var (client, network) = CreateClient(new()
        {
            ["services:inventory:http:0"] = "http://localhost:5123",
            ["services:inventory:https:0"] = "https://localhost:7123",
        });

        // Act
        await client.GetAsync("https://inventory/api/products");

        // Assert
        network.RequestUris.Should().ContainSingle()
            .Which.Should().Be(new Uri("https://localhost:7123/api/products"));
    }

    [Fact]
    public async Task Https_plus_http_prefers_https()
    {
        // Arrange
        var (client, network) = CreateClient(new()
        {
            ["services:inventory:http:0"] = "http://localhost:5123",
            ["services:inventory:https:0"] = "https://localhost:7123",
        });
        client.BaseAddress = new Uri("https+http://inventory");

        // Act
        await client.GetAsync("/api/products?sku=A-1");

        // Assert
        network.RequestUris.Should().ContainSingle()
            .Which.Should().Be(new Uri("https://localhost:7123/api/products?sku=A-1"));
    }

    [Fact]
    public async Task Https_plus_http_falls_back_to_http()
    {
        // Arrange
        var (client, network) = CreateClient(new() { ["services:inventory:http:0"] = "http://localhost:5123" });

        // Act
        await client.GetAsync("https+http://inventory/api/products");

        // Assert
        network.RequestUris.Should().ContainSingle()
            .Which.Should().Be(new Uri("http://localhost:5123/api/products"));
    }

    [Fact]
    public async Task Https_plus_http_names_both_keys_when_neither_is_configured()
    {
        // Arrange
        var (client, _) = CreateClient(new Dictionary<string, string?>());

        // Act
        var act = () => client.GetAsync("https+http://inventory/api/products");

        // Assert
        await act.Should().ThrowAsync<ServiceDiscoveryException>()
            .WithMessage("*'services:inventory:https:0', 'services:inventory:http:0'*");
    }

    [Theory]
    [InlineData("http://localhost:5000/api/products")]
    [InlineData("http://127.0.0.1:8080/api/products")]
    [InlineData("http://[::1]:8080/api/products")]
    [InlineData("https://api.example.com/v1/charges")]
    public async Task Real_addresses_pass_through_untouched(string address)
    {
        // Arrange: nothing configured, so treating these as service names would throw
        var (client, network) = CreateClient(new Dictionary<string, string?>());

        // Act
        await client.GetAsync(address);

        // Assert
        network.RequestUris.Should().ContainSingle().Which.Should().Be(new Uri(address));
    }

    [Fact]
    public async Task Reads_configuration_on_every_request()
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["services:inventory:http:0"] = "http://localhost:5123" })
            .Build();
        var (client, network) = CreateClientReading(configuration);
        await client.GetAsync("http://inventory/a");

        // Act
        configuration["services:inventory:http:0"] = "http://localhost:6123";
        await client.GetAsync("http://inventory/b");

        // Assert
        network.RequestUris.Should().Equal(new Uri("http://localhost:5123/a"), new Uri("http://localhost:6123/b"));
    }

    [Fact]
    public async Task Keeps_the_base_path_of_the_configured_endpoint()
    {
        // Arrange
        var (client, network) = CreateClient(new() { ["services:inventory:http:0"] = "http://localhost:8080/inventory/" });

        // Act
        await client.GetAsync("http://inventory/api/products");

        // Assert
        network.RequestUris.Should().ContainSingle()
            .Which.Should().Be(new Uri("http://localhost:8080/inventory/api/products"));
    }

    [Fact]
    public async Task Rejects_a_configured_endpoint_that_is_not_an_absolute_uri()
    {
        // Arrange
        var (client, network) = CreateClient(new() { ["services:inventory:http:0"] = "inventory-host" });

        // Act
        var act = () => client.GetAsync("http://inventory/api/products");

        // Assert
        await act.Should().ThrowAsync<ServiceDiscoveryException>()
            .WithMessage("*'services:inventory:http:0'*'inventory-host'*not an absolute URI*");
        network.Calls.Should().Be(0);
    }

    private static (HttpClient Client, StubHandler Network) CreateClient(Dictionary<string, string?> settings) =>
        CreateClientReading(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static (HttpClient Client, StubHandler Network) CreateClientReading(IConfiguration configuration)
    {
        var network = StubHandler.Returning(HttpStatusCode.OK);
        var handler = new ServiceDiscoveryHandler(new ConfigurationServiceEndpointResolver(configuration))
        {
            InnerHandler = network,
        };

        return (new HttpClient(handler), network);
    }
}
