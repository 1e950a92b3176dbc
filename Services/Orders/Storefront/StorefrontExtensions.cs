namespace Shop.Orders.Storefront;

public static class StorefrontExtensions
{
    /// <summary>The storefront proxy's clients: inventory and payments, by service discovery (<c>services:{name}:http:0</c>).</summary>
    public static IServiceCollection AddStorefront(this IServiceCollection services)
    {
        services.AddHttpClient<ProductsClient>(client => client.BaseAddress = new Uri(ProductsClient.BaseAddress));
        services.AddHttpClient<AccountsClient>(client => client.BaseAddress = new Uri(AccountsClient.BaseAddress));
        return services;
    }

    /// <summary>Serves the page in <c>wwwroot</c>: <c>/</c> answers with <c>index.html</c>.</summary>
    public static WebApplication UseStorefrontPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
