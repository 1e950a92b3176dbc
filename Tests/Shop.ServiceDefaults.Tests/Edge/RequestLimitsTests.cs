using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Shop.ServiceDefaults.Tests.Support;

namespace Shop.ServiceDefaults.Tests.Edge;

public sealed class RequestLimitsTests : IAsyncLifetime
{
    private const int Limit = 1024;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _endpointCalls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        builder.Configuration["RequestLimits:MaxBodyBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        builder.AddServiceDefaults();
        builder.Services.AddProblemDetails();
        _app = builder.Build();
        _app.MapPost("/api/echo", EchoLengthAsync);
        _app.MapPost("/diagnostics/echo", EchoLengthAsync);
        _app.MapPost("/api/no-body", () => TypedResults.Ok("no body"));
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [Fact]
    public async Task A_json_body_within_the_limit_reaches_the_endpoint()
    {
        // Act
        using var response = await _client.PostAsync("/api/echo", Json(new string('a', Limit - 2)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_json_and_never_reaches_the_endpoint()
    {
        // Act
        using var response = await _client.PostAsync("/api/echo", Json(new string('a', Limit)));

        // Assert
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        _endpointCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        // Arrange: no Content-Length, so the limit can only be found by reading
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo")
        {
            Content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes($"\"{new string('a', Limit * 4)}\""))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        await ShouldBeProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        _endpointCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_chunked_body_within_the_limit_reaches_the_endpoint_whole()
    {
        // Arrange
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo")
        {
            Content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes($"\"{new string('a', 100)}\""))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        // Act
        using var response = await _client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("102");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task A_body_that_is_not_json_is_415_problem_json(string contentType)
    {
        // Act
        using var response = await _client.PostAsync("/api/echo", new StringContent("\"x\"", Encoding.UTF8, contentType));

        // Assert
        await ShouldBeProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        _endpointCalls.Should().Be(0);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON")]
    [InlineData("application/merge-patch+json")]
    public async Task Json_media_types_with_parameters_or_a_json_suffix_are_accepted(string contentType)
    {
        // Arrange
        var content = new StringContent("\"x\"");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        // Act
        using var response = await _client.PostAsync("/api/echo", content);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_without_a_body_needs_no_content_type()
    {
        // Act
        using var response = await _client.PostAsync("/api/no-body", content: null);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Paths_outside_the_api_are_not_limited()
    {
        // Act
        using var response = await _client.PostAsync("/diagnostics/echo", Json(new string('a', Limit * 2)));

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<string> EchoLengthAsync(HttpRequest request)
    {
        Interlocked.Increment(ref _endpointCalls);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static StringContent Json(string text) => new($"\"{text}\"", Encoding.UTF8, "application/json");

    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().Should().Be((int)status);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
