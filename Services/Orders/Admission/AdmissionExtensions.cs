namespace Shop.Orders.Admission;

public static class AdmissionExtensions
{
    /// <summary>Admission control for order placements (<c>Orders:Admission</c>): the concurrency limit, for which the app
    /// calls <c>UseRateLimiter()</c> and the endpoint <c>RequireRateLimiting(PlacementAdmissionPolicy.Name)</c>, and the
    /// bound on unfinished orders, for which the endpoint adds <see cref="UnfinishedOrdersAdmissionFilter"/>.</summary>
    public static IHostApplicationBuilder AddOrderPlacementAdmission(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlacementAdmissionOptions>()
            .Bind(builder.Configuration.GetSection(PlacementAdmissionOptions.Section))
            .Validate(o => o.PermitLimit >= 1, "Orders:Admission:PermitLimit must be at least 1")
            .Validate(o => o.QueueLimit >= 0, "Orders:Admission:QueueLimit must not be negative")
            .Validate(o => o.RetryAfter > TimeSpan.Zero, "Orders:Admission:RetryAfter must be positive")
            .Validate(o => o.MaxUnfinishedOrders >= 0, "Orders:Admission:MaxUnfinishedOrders must not be negative (0: no bound)")
            .Validate(o => o.UnfinishedOrdersRefreshInterval > TimeSpan.Zero && o.UnfinishedOrdersRefreshInterval < UnfinishedOrders.MaxCountAge,
                $"Orders:Admission:UnfinishedOrdersRefreshInterval must be positive and shorter than {UnfinishedOrders.MaxCountAge}")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddPolicy<string, PlacementAdmissionPolicy>(PlacementAdmissionPolicy.Name);
        });
        builder.Services.AddSingleton<UnfinishedOrders>();
        builder.Services.AddSingleton<AdmissionMetrics>();
        builder.Services.AddHostedService<UnfinishedOrdersCounter>();
        return builder;
    }
}
