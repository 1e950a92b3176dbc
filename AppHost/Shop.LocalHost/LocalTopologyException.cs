namespace Shop.LocalHost;

/// <summary>
/// The topology could not start or reach the state asked for. The message is one line meant for a
/// person at a terminal: what went wrong, and where to look (usually a component's log file).
/// </summary>
public class LocalTopologyException(string message, Exception? innerException = null)
    : Exception(message, innerException);
