using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Shop.Orders.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>The order-submission limits of the <c>RateLimiting</c> section (needs <c>AddOptionalRedisClient</c>).</summary>
    public static IHostApplicationBuilder AddOrderRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitingOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.PerCustomer.IsValid, "RateLimiting:PerCustomer needs PermitsPerSecond > 0 and Burst >= 1")
            .Validate(o => o.PerClientAddress.IsValid, "RateLimiting:PerClientAddress needs PermitsPerSecond > 0 and Burst >= 1")
            .Validate(o => o.Timeout > TimeSpan.Zero, "RateLimiting:Timeout must be positive")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<OrderRateLimiter>();
        return builder;
    }
}
