namespace Shop.LocalHost.Prerequisites;

/// <summary>Something the machine must provide is absent; the message names it and how to get it.</summary>
public sealed class MissingPrerequisiteException(string missing, string remedy)
    : LocalTopologyException($"missing {missing} — {remedy}")
{
    /// <summary>What is missing, e.g. "redis-server".</summary>
    public string Missing { get; } = missing;

    /// <summary>How to get it.</summary>
    public string Remedy { get; } = remedy;
}
