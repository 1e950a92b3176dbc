using Microsoft.Extensions.DependencyInjection;

namespace Shop.AppHost.Running;

public static class ShopRunReportingExtensions
{
    /// <summary>In run mode: prints each resource as it becomes healthy, places a warm-up order once all are
    /// (<c>Shop:WarmUp</c>, default true), prints <c>ready</c>, and keeps <c>Shop:StateFile</c> (when set) current.</summary>
    public static IDistributedApplicationBuilder AddShopRunReporting(this IDistributedApplicationBuilder builder)
    {
        if (builder.ExecutionContext.IsRunMode)
        {
            builder.Services.AddHttpClient(ShopRunReporter.HttpClientName);
            builder.Services.AddSingleton<ShopRunReporter>();
            builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
            {
                e.Services.GetRequiredService<ShopRunReporter>().Start();
                return Task.CompletedTask;
            });
        }

        return builder;
    }
}
