namespace Shop.LoadTests;

/// <summary>Open loop: orders arrive at a fixed rate whatever the system does. Closed loop: a fixed number of
/// clients, each placing its next order once the previous one is terminal.</summary>
public enum LoadMode
{
    Open,
    Closed,
}
