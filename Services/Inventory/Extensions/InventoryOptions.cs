namespace Shop.Inventory.Extensions;

/// <summary>The <c>Inventory</c> configuration section.</summary>
public sealed class InventoryOptions
{
    public const string SectionName = "Inventory";

    /// <summary>How long a reservation holds stock before the sweeper gives it back. A safety net for a saga that
    /// vanished, so far longer than any saga step's deadline: the saga decides, the expiry only cleans up.</summary>
    public TimeSpan HoldDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the sweeper looks for expired holds.</summary>
    public TimeSpan HoldSweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Expired holds released per transaction.</summary>
    public int HoldSweepBatchSize { get; set; } = 100;
}
