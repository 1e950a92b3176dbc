namespace Shop.LocalHost.Health;

/// <summary>One answer (or failure to answer) of <c>GET /health</c>.</summary>
public sealed record HealthProbeResult(bool Healthy, string Detail);
