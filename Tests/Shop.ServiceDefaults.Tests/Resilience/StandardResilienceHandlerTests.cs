using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Shop.ServiceDefaults.Resilience;
using Shop.ServiceDefaults.Tests.Support;

namespace Shop.ServiceDefaults.Tests.Resilience;

public sealed class StandardResilienceHandlerTests
{
    [Fact]
    public async Task Retries_a_503_and_returns_the_following_200()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK);
        using var resilient = ResilientClient.Create(network, WithoutRetryDelay);

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Retries_a_failed_connection()
    {
        // Arrange
        var network = new StubHandler((request, attempt, _) => attempt == 1
            ? throw new HttpRequestException("Connection refused")
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request }));
        using var resilient = ResilientClient.Create(network, WithoutRetryDelay);

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    public async Task Does_not_retry_a_client_error(HttpStatusCode statusCode)
    {
        // Arrange
        var network = StubHandler.Returning(statusCode, HttpStatusCode.OK);
        using var resilient = ResilientClient.Create(network, WithoutRetryDelay);

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(statusCode);
        network.Calls.Should().Be(1);
    }

    [Fact]
    public async Task Gives_up_after_the_configured_retries_with_the_last_response()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.InternalServerError);
        using var resilient = ResilientClient.Create(network, options =>
        {
            WithoutRetryDelay(options);
            options.Retry.MaxRetryAttempts = 3;
        });

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        network.Calls.Should().Be(4);
    }

    [Fact]
    public async Task Waits_as_long_as_Retry_After_says_instead_of_the_backoff()
    {
        // Arrange: a backoff of ten minutes would run into the total timeout; Retry-After says retry now
        var network = new StubHandler((request, attempt, _) =>
        {
            var response = new HttpResponseMessage(attempt == 1 ? HttpStatusCode.TooManyRequests : HttpStatusCode.OK)
            {
                RequestMessage = request,
            };
            response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.Zero);
            return Task.FromResult(response);
        });
        using var resilient = ResilientClient.Create(network, options =>
        {
            options.Retry.Delay = TimeSpan.FromMinutes(10);
            options.Retry.BackoffType = DelayBackoffType.Constant;
            options.Retry.UseJitter = false;
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Sends_the_request_body_again_on_retry()
    {
        // Arrange
        var bodies = new List<string>();
        var network = new StubHandler(async (request, attempt, cancellationToken) =>
        {
            // CopyToAsync, unlike ReadAsStringAsync, does not buffer the content itself.
            using var body = new MemoryStream();
            await request.Content!.CopyToAsync(body, cancellationToken);
            bodies.Add(Encoding.UTF8.GetString(body.ToArray()));
            request.Headers.GetValues("X-Order").Should().ContainSingle().Which.Should().Be("42");
            return new HttpResponseMessage(attempt == 1 ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.Created)
            {
                RequestMessage = request,
            };
        });
        using var resilient = ResilientClient.Create(network, WithoutRetryDelay);
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://localhost/api/orders")
        {
            Content = new StreamContent(new ForwardOnlyStream(Encoding.UTF8.GetBytes("""{"sku":"A-1"}"""))),
        };
        request.Headers.Add("X-Order", "42");

        // Act
        var response = await resilient.Client.SendAsync(request);

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        bodies.Should().Equal("""{"sku":"A-1"}""", """{"sku":"A-1"}""");
    }

    [Fact]
    public async Task Steady_failures_open_the_circuit_and_later_calls_do_not_reach_the_server()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.InternalServerError);
        using var resilient = ResilientClient.Create(network, SmallCircuitBreaker);
        var first = await resilient.Client.GetAsync("http://localhost/api/products");

        // Act
        var act = () => resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        first.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        network.Calls.Should().Be(2, "one attempt and one retry, both failing, reach the minimum throughput");
        await act.Should().ThrowAsync<BrokenCircuitException>();
        await act.Should().ThrowAsync<BrokenCircuitException>();
        network.Calls.Should().Be(2);
    }

    [Fact]
    public async Task An_open_circuit_for_one_service_does_not_block_another()
    {
        // Arrange
        var network = new StubHandler((request, _, _) => Task.FromResult(new HttpResponseMessage(
            request.RequestUri!.Port == 5001 ? HttpStatusCode.InternalServerError : HttpStatusCode.OK)
        {
            RequestMessage = request,
        }));
        using var resilient = ResilientClient.Create(network, SmallCircuitBreaker);
        await resilient.Client.GetAsync("http://localhost:5001/api/products");
        var broken = () => resilient.Client.GetAsync("http://localhost:5001/api/products");
        await broken.Should().ThrowAsync<BrokenCircuitException>();

        // Act
        var response = await resilient.Client.GetAsync("http://localhost:5002/api/payments");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(3);
    }

    [Fact]
    public async Task Times_out_a_slow_attempt_and_retries_it()
    {
        // Arrange
        var network = new StubHandler(async (request, attempt, cancellationToken) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        });
        using var resilient = ResilientClient.Create(network, options =>
        {
            WithoutRetryDelay(options);
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
        });

        // Act
        var response = await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        network.Calls.Should().Be(2);
    }

    [Fact]
    public async Task A_reply_that_never_comes_fails_with_TimeoutRejectedException()
    {
        // Arrange
        var network = StubHandler.Hanging();
        using var resilient = ResilientClient.Create(network, options =>
        {
            WithoutRetryDelay(options);
            options.Retry.MaxRetryAttempts = 1;
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
        });
        var stopwatch = Stopwatch.StartNew();

        // Act
        var act = () => resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        await act.Should().ThrowAsync<TimeoutRejectedException>();
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        network.Calls.Should().Be(2, "each attempt is cut off by the attempt timeout and the one retry is spent");
    }

    [Fact]
    public async Task The_total_timeout_bounds_the_attempts_and_the_waits_between_them()
    {
        // Arrange: after the first attempt times out the retry would wait ten minutes
        var network = StubHandler.Hanging();
        using var resilient = ResilientClient.Create(network, options =>
        {
            options.Retry.Delay = TimeSpan.FromMinutes(10);
            options.Retry.BackoffType = DelayBackoffType.Constant;
            options.Retry.UseJitter = false;
            options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(200);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(1);
        });

        // Act
        var act = () => resilient.Client.GetAsync("http://localhost/api/products").WaitAsync(TimeSpan.FromSeconds(10));

        // Assert
        await act.Should().ThrowAsync<TimeoutRejectedException>();
        network.Calls.Should().Be(1);
    }

    [Fact]
    public async Task Binds_options_from_the_HttpClient_Resilience_section()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.ServiceUnavailable);
        using var resilient = ResilientClient.Create(network, configuration: new()
        {
            ["HttpClient:Resilience:Retry:MaxRetryAttempts"] = "1",
            ["HttpClient:Resilience:Retry:Delay"] = "00:00:00",
        });

        // Act
        await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        network.Calls.Should().Be(2);
    }

    [Fact]
    public async Task Per_client_settings_override_configuration()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.ServiceUnavailable);
        using var resilient = ResilientClient.Create(
            network,
            options => options.Retry.MaxRetryAttempts = 2,
            new()
            {
                ["HttpClient:Resilience:Retry:MaxRetryAttempts"] = "5",
                ["HttpClient:Resilience:Retry:Delay"] = "00:00:00",
            });

        // Act
        await resilient.Client.GetAsync("http://localhost/api/products");

        // Assert
        network.Calls.Should().Be(3);
    }

    [Fact]
    public void Rejects_an_attempt_timeout_longer_than_the_total_timeout()
    {
        // Arrange
        var network = StubHandler.Returning(HttpStatusCode.OK);

        // Act
        var act = () => ResilientClient.Create(network, options =>
        {
            options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(20);
            options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
        });

        // Assert
        act.Should().Throw<OptionsValidationException>().WithMessage("*AttemptTimeout*TotalRequestTimeout*");
    }

    [Fact]
    public void Defaults_match_Microsoft_Extensions_Http_Resilience()
    {
        // Arrange
        var options = new HttpStandardResilienceOptions();

        // Act
        var (total, attempt, retry, breaker) = (options.TotalRequestTimeout, options.AttemptTimeout, options.Retry, options.CircuitBreaker);

        // Assert
        total.Timeout.Should().Be(TimeSpan.FromSeconds(30));
        attempt.Timeout.Should().Be(TimeSpan.FromSeconds(10));
        retry.MaxRetryAttempts.Should().Be(3);
        retry.Delay.Should().Be(TimeSpan.FromSeconds(2));
        retry.BackoffType.Should().Be(DelayBackoffType.Exponential);
        retry.UseJitter.Should().BeTrue();
        retry.ShouldRetryAfterHeader.Should().BeTrue();
        breaker.FailureRatio.Should().Be(0.1);
        breaker.SamplingDuration.Should().Be(TimeSpan.FromSeconds(30));
        breaker.MinimumThroughput.Should().Be(100);
        breaker.BreakDuration.Should().Be(TimeSpan.FromSeconds(5));
    }

    private static void WithoutRetryDelay(HttpStandardResilienceOptions options) =>
        options.Retry.Delay = TimeSpan.Zero;

    private static void SmallCircuitBreaker(HttpStandardResilienceOptions options)
    {
        options.Retry.Delay = TimeSpan.Zero;
        options.Retry.MaxRetryAttempts = 1;
        options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(1);
        options.CircuitBreaker.MinimumThroughput = 2;
        options.CircuitBreaker.FailureRatio = 0.5;
        options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        options.CircuitBreaker.BreakDuration = TimeSpan.FromMinutes(5);
    }
}
