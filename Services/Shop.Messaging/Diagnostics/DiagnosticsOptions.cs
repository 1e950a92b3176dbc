namespace Shop.Messaging.Diagnostics;

/// <summary><c>Shop:Diagnostics</c>: operational endpoints, off unless a host turns them on.</summary>
public sealed class DiagnosticsOptions
{
    public const string SectionName = "Shop:Diagnostics";

    public bool Enabled { get; set; }
}
