using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shop.AppHost.Tests.Manifest;

/// <summary>The AppHost's publish mode (<c>--publisher manifest</c>), read the way azd reads it to generate the
/// Container Apps deployment (Azure/azure-dev, <c>cli/azd/pkg/apphost/generate.go</c>): every resource one azd
/// deploys, every service with its references, environment and endpoints, the infrastructure as containers, and
/// parameters azd can fill without asking. What this does not show is a real <c>azd up</c> (README → Deploying to Azure).</summary>
public sealed partial class ManifestTests(PublishedManifest manifest) : IClassFixture<PublishedManifest>
{
    // The resource types azd turns into Azure resources or resolves while generating them; anything else (notably
    // executable.v0, what a local binary is) fails azd with "unsupported resource type".
    private static readonly string[] TypesAzdDeploys =
        ["project.v0", "project.v1", "container.v0", "container.v1", "parameter.v0", "value.v0", "annotated.string"];

    public static TheoryData<string> Services => [.. PublishedService.All.Select(service => service.Name)];

    public static TheoryData<string> Containers => [.. PublishedContainer.All.Select(container => container.Name)];

    public static TheoryData<string> Databases => ["ordersdb", "inventorydb", "paymentsdb", "orchestratordb"];

    public static TheoryData<string, string> Parameters => new()
    {
        { "saga-reserve-stock-deadline", "00:00:30" },
        { "saga-charge-payment-deadline", "00:00:30" },
        { "saga-commit-stock-deadline", "00:00:30" },
        { "kafka-partitions", "6" },
    };

    public static TheoryData<string, string> Passwords => new()
    {
        { "postgres-password", "postgres" },
        { "cache-password", "cache" },
    };

    [Fact]
    public void Every_resource_is_of_a_type_azd_deploys_and_each_runs_as_a_project_or_a_container()
    {
        // Arrange
        AssertPublished();
        var expectedCompute = PublishedService.All.Select(service => service.Name)
            .Concat(PublishedContainer.All.Select(container => container.Name));

        // Act
        var types = manifest.Resources.Keys.ToDictionary(name => name, manifest.TypeOf);

        // Assert
        types.Should().OnlyContain(resource => TypesAzdDeploys.Contains(resource.Value),
            "azd deploys no other type, and a local binary (executable.v0) cannot run in Container Apps");
        types.Where(resource => resource.Value.StartsWith("project.") || resource.Value.StartsWith("container."))
            .Select(resource => resource.Key)
            .Should().BeEquivalentTo(expectedCompute, "each becomes one container app");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_is_its_project_with_its_references_and_settings_and_nothing_local(string name)
    {
        // Arrange
        AssertPublished();
        var expected = PublishedService.Named(name);

        // Act
        var type = manifest.TypeOf(name);
        var path = manifest.StringOf(name, "path");
        var environment = manifest.EnvironmentOf(name);

        // Assert
        type.Should().BeOneOf("project.v0", "project.v1");
        path.Should().EndWith($"/{expected.ProjectFile}", "azd builds the image from this project");
        environment.Should().BeEquivalentTo(expected.Environment());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void Service_listens_on_http_and_https_public_only_for_orders(string name)
    {
        // Arrange
        AssertPublished();
        var expected = PublishedService.Named(name);

        // Act
        var bindings = manifest.BindingsOf(name);

        // Assert
        bindings.Keys.Should().BeEquivalentTo("http", "https");
        foreach (var (binding, value) in bindings)
        {
            value.GetProperty("scheme").GetString().Should().Be(binding);
            value.GetProperty("transport").GetString().Should().Be("http");
            // No port of its own: azd gives the container app's ingress the port of the published image.
            value.TryGetProperty("targetPort", out _).Should().BeFalse();
            value.TryGetProperty("port", out _).Should().BeFalse();
            External(value).Should().Be(expected.External, $"{name}'s {binding} endpoint is {(expected.External ? "public" : "internal")}");
        }
    }

    [Fact]
    public void Orders_is_the_only_resource_with_an_external_endpoint()
    {
        // Arrange
        AssertPublished();

        // Act
        var external = manifest.Resources.Keys
            .Where(name => manifest.BindingsOf(name).Values.Any(External))
            .ToList();

        // Assert
        external.Should().Equal("orders");
    }

    [Theory]
    [MemberData(nameof(Containers))]
    public void Infrastructure_is_a_container_of_the_image_the_Aspire_integration_uses(string name)
    {
        // Arrange
        AssertPublished();
        var expected = PublishedContainer.Named(name);

        // Act
        var type = manifest.TypeOf(name);
        var image = manifest.StringOf(name, "image");
        var bindings = manifest.BindingsOf(name);
        var connectionString = manifest.StringOf(name, "connectionString");
        var environment = manifest.EnvironmentOf(name);

        // Assert
        type.Should().Be("container.v0", "azd runs a ready-made image as a container app");
        image.Should().Be(expected.Image);
        bindings.Keys.Should().BeEquivalentTo(expected.Bindings.Keys);
        foreach (var (binding, (scheme, targetPort)) in expected.Bindings)
        {
            bindings[binding].GetProperty("scheme").GetString().Should().Be(scheme);
            bindings[binding].GetProperty("targetPort").GetInt32().Should().Be(targetPort);
            External(bindings[binding]).Should().BeFalse($"{name} is reachable only inside the environment");
        }

        connectionString.Should().StartWith(expected.ConnectionStringStart);
        WithoutEmptyValues(connectionString![expected.ConnectionStringStart.Length..]).Should().BeEmpty(
            "all that may follow is Redis' TLS part, empty when published: a container app's Redis has no certificate");
        environment.Should().Contain(expected.Settings);
        manifest.Resources[name].TryGetProperty("volumes", out _).Should().BeFalse("no data volume unless Shop:DataVolumes");
        manifest.Resources[name].TryGetProperty("bindMounts", out _).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public void Database_is_its_own_database_on_the_postgres_container(string name)
    {
        // Arrange
        AssertPublished();

        // Act
        var type = manifest.TypeOf(name);
        var connectionString = manifest.StringOf(name, "connectionString");

        // Assert
        type.Should().Be("value.v0");
        connectionString.Should().Be($"{{postgres.connectionString}};Database={name}");
    }

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Parameter_is_published_with_its_default_so_azd_does_not_ask_for_it(string name, string defaultValue)
    {
        // Arrange
        AssertPublished();

        // Act
        var input = Input(name);

        // Assert
        manifest.TypeOf(name).Should().Be("parameter.v0");
        manifest.StringOf(name, "value").Should().Be($"{{{name}.inputs.value}}");
        input.GetProperty("default").GetProperty("value").GetString().Should().Be(defaultValue);
        Secret(input).Should().BeFalse();
    }

    [Theory]
    [MemberData(nameof(Passwords))]
    public void Password_is_a_secret_azd_generates(string name, string container)
    {
        // Arrange
        AssertPublished();

        // Act
        var input = Input(name);

        // Assert
        manifest.TypeOf(name).Should().Be("parameter.v0");
        Secret(input).Should().BeTrue();
        input.GetProperty("default").TryGetProperty("generate", out _).Should().BeTrue("azd generates it once and keeps it");
        manifest.StringOf(container, "connectionString").Should().Contain($"{{{name}.value}}");
    }

    [Fact]
    public void Every_parameter_has_a_default_azd_accepts()
    {
        // Arrange
        AssertPublished();

        // Act
        var parameters = manifest.Resources.Keys.Where(name => manifest.TypeOf(name) == "parameter.v0")
            .ToDictionary(name => name, Input);

        // Assert
        parameters.Should().NotBeEmpty();
        foreach (var (name, input) in parameters)
        {
            var hasDefault = input.TryGetProperty("default", out var @default);
            hasDefault.Should().BeTrue($"without a default azd asks for {name}");
            // azd: "default value for secured parameter ... is not supported"; a secret is generated instead.
            @default.TryGetProperty(Secret(input) ? "generate" : "value", out _).Should().BeTrue(name);
        }
    }

    [Fact]
    public void Every_expression_names_a_published_resource_and_what_it_has()
    {
        // Arrange
        AssertPublished();

        // Act
        var expressions = manifest.Resources.Values.SelectMany(Strings)
            .SelectMany(text => ExpressionPattern().Matches(text))
            .Select(match => (Resource: match.Groups["resource"].Value, Property: match.Groups["property"].Value))
            .Distinct()
            .ToList();

        // Assert
        expressions.Should().NotBeEmpty();
        foreach (var (resource, property) in expressions)
        {
            var expression = $"{{{resource}.{property}}}";
            manifest.Resources.Should().ContainKey(resource, $"{expression} names it (azd: unknown resource referenced)");
            var parts = property.Split('.');
            switch (parts[0])
            {
                case "bindings":
                    manifest.BindingsOf(resource).Should().ContainKey(parts[1], $"{expression} names it (azd: unknown binding referenced)");
                    parts[2].Should().BeOneOf("scheme", "protocol", "transport", "external", "host", "targetPort", "port", "url");
                    break;
                case "connectionString":
                    manifest.Resources[resource].TryGetProperty("connectionString", out _).Should().BeTrue(expression);
                    break;
                case "value":
                    manifest.TypeOf(resource).Should().BeOneOf(["parameter.v0", "value.v0", "annotated.string"], expression);
                    break;
                case "inputs":
                    manifest.Resources[resource].GetProperty("inputs").TryGetProperty(parts[1], out _).Should().BeTrue(expression);
                    break;
                default:
                    throw new Xunit.Sdk.XunitException($"{expression}: a property azd does not resolve");
            }
        }
    }

    private void AssertPublished()
    {
        manifest.ExitCode.Should().Be(0, manifest.Log);
        manifest.Resources.Should().NotBeEmpty(manifest.Log);
    }

    private JsonElement Input(string parameter) => manifest.Resources[parameter].GetProperty("inputs").GetProperty("value");

    private static bool Secret(JsonElement input) => input.TryGetProperty("secret", out var secret) && secret.GetBoolean();

    private static bool External(JsonElement binding) => binding.TryGetProperty("external", out var external) && external.GetBoolean();

    /// <summary>The text without its references to empty values (a value.v0 whose connection string is empty).</summary>
    private string WithoutEmptyValues(string text) => ExpressionPattern().Replace(text, match =>
        match.Groups["property"].Value == "connectionString"
        && manifest.Resources.ContainsKey(match.Groups["resource"].Value)
        && manifest.TypeOf(match.Groups["resource"].Value) == "value.v0"
        && manifest.StringOf(match.Groups["resource"].Value, "connectionString") == ""
            ? ""
            : match.Value);

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(property => Strings(property.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex(@"\{(?<resource>[A-Za-z][\w-]*)\.(?<property>[^{}]+)\}")]
    private static partial Regex ExpressionPattern();
}
