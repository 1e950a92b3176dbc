namespace Shop.Redis.Protocol;

/// <summary>A command on its way: queued for the writer, then waiting for its reply in FIFO order.</summary>
internal sealed class PendingCommand(string command, IReadOnlyList<RedisArgument> arguments, bool expectsReply)
    : TaskCompletionSource<RedisReply>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public string Command { get; } = command;

    public IReadOnlyList<RedisArgument> Arguments { get; } = arguments;

    /// <summary>False on a subscriber connection, where the answers come back as pushes, not as FIFO replies.</summary>
    public bool ExpectsReply { get; } = expectsReply;
}
