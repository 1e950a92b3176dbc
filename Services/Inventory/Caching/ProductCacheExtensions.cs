using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Shop.Inventory.Caching;

public static class ProductCacheExtensions
{
    /// <summary>The Redis product cache of the <c>ProductCache</c> section (needs <c>AddOptionalRedisClient</c>), invalidated by every
    /// committed change of a product row.</summary>
    public static IHostApplicationBuilder AddProductCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProductCacheOptions>()
            .Bind(builder.Configuration.GetSection(ProductCacheOptions.SectionName))
            .Validate(o => o.Ttl > TimeSpan.Zero, "ProductCache:Ttl must be positive")
            .Validate(o => o.Timeout > TimeSpan.Zero, "ProductCache:Timeout must be positive")
            .Validate(o => o.RetryInterval > TimeSpan.Zero, "ProductCache:RetryInterval must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<ProductCache>();
        // Picked up by the DbContext registration (AddServiceDatabase adds every registered IInterceptor).
        builder.Services.AddSingleton<IInterceptor, ProductCacheInvalidator>();
        builder.Services.AddHostedService<ProductCacheRetrier>();
        return builder;
    }
}
