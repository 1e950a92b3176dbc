using System.Collections.Concurrent;
using MassTransit;

namespace Shop.Orchestrator.Tests.Saga;

/// <summary>
/// Message ids the bus has finished receiving, whatever became of them. The harness's consumed lists miss events
/// a saga ignores in its state, and "ignored" is exactly what several tests assert, so they wait on this instead.
/// </summary>
public sealed class ReceivedMessages : IReceiveObserver
{
    private readonly ConcurrentDictionary<Guid, bool> _done = new();

    public bool Contains(Guid messageId) => _done.ContainsKey(messageId);

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context)
    {
        Record(context);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Record(context);
        return Task.CompletedTask;
    }

    private void Record(ReceiveContext context)
    {
        if (context.GetMessageId() is { } messageId)
        {
            _done[messageId] = true;
        }
    }
}
