namespace Shop.Orders.Admission;

public static class AdmissionExtensions
{
    /// <summary>The concurrency limit on order placements (<c>Orders:Admission</c>); the app calls <c>UseRateLimiter()</c>
    /// and the endpoint <c>RequireRateLimiting(PlacementAdmissionPolicy.Name)</c>.</summary>
    public static IHostApplicationBuilder AddOrderPlacementAdmission(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlacementAdmissionOptions>()
            .Bind(builder.Configuration.GetSection(PlacementAdmissionOptions.Section))
            .Validate(o => o.PermitLimit >= 1, "Orders:Admission:PermitLimit must be at least 1")
            .Validate(o => o.QueueLimit >= 0, "Orders:Admission:QueueLimit must not be negative")
            .Validate(o => o.RetryAfter > TimeSpan.Zero, "Orders:Admission:RetryAfter must be positive")
            .ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            limiter.AddPolicy<string, PlacementAdmissionPolicy>(PlacementAdmissionPolicy.Name);
        });
        return builder;
    }
}
