namespace Shop.Orders.Domain;

/// <summary>What asking an order to end in a terminal state did.</summary>
public enum TerminalTransition
{
    /// <summary>The order is now in the requested state.</summary>
    Applied,

    /// <summary>The order was already in the requested state (a redelivered command): nothing changed.</summary>
    AlreadyDone,

    /// <summary>The order already ended in the other terminal state, which is final: nothing changed.</summary>
    Conflict,
}
