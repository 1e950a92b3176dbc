using Microsoft.Extensions.DependencyInjection;
using Shop.Contracts;
using Shop.Contracts.Payments;
using Shop.Orchestrator.Data;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>The pruner on a real PostgreSQL: which sagas go (finished and untouched past retention) and which stay.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FinishedSagaPrunerTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Retention = new SagaRetentionOptions().KeepFinishedFor;

    private OrchestratorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OrchestratorTestHost.CreateAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Only_sagas_finished_and_unchanged_for_the_retention_period_are_deleted()
    {
        // Arrange
        var now = _host.Time.GetUtcNow();
        var old = now - Retention - TimeSpan.FromMinutes(1);
        var completedLongAgo = await AddSagaAsync(OrderStates.Completed, old);
        var cancelledLongAgo = await AddSagaAsync(OrderStates.Cancelled, old);
        var completedRecently = await AddSagaAsync(OrderStates.Completed, now - Retention + TimeSpan.FromMinutes(1));
        // Stuck for longer than the retention, but not finished: it still owes a compensation or a reply.
        var compensatingLongAgo = await AddSagaAsync(OrderStates.Compensating, old);

        // Act
        var deleted = await _host.Services.GetRequiredService<FinishedSagaPruner>().PruneOnceAsync(CancellationToken.None);

        // Assert
        deleted.Should().Be(2);
        (await _host.SagaAsync(completedLongAgo)).Should().BeNull();
        (await _host.SagaAsync(cancelledLongAgo)).Should().BeNull();
        (await _host.SagaAsync(completedRecently)).Should().NotBeNull();
        (await _host.SagaAsync(compensatingLongAgo)).Should().NotBeNull();
    }

    [Fact]
    public async Task A_reply_for_a_pruned_saga_is_dropped_without_creating_one_or_sending_anything()
    {
        // Arrange
        var orderId = await AddSagaAsync(OrderStates.Cancelled, _host.Time.GetUtcNow() - Retention - TimeSpan.FromDays(1));
        await _host.Services.GetRequiredService<FinishedSagaPruner>().PruneOnceAsync(CancellationToken.None);

        // Act
        await _host.ConsumeAsync(new PaymentCharged(orderId, Guid.NewGuid(), 10.00m), orderId.ToString());

        // Assert
        (await _host.SagaAsync(orderId)).Should().BeNull();
        (await _host.OutboxAsync(orderId)).Should().BeEmpty();
    }

    private async Task<Guid> AddSagaAsync(string state, DateTimeOffset updatedAt)
    {
        var orderId = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        db.OrderSagas.Add(new OrderSagaState
        {
            CorrelationId = orderId,
            CurrentState = state,
            CustomerId = "alice",
            Total = 10.00m,
            CreatedAt = updatedAt - TimeSpan.FromSeconds(1),
            UpdatedAt = updatedAt,
        });
        await db.SaveChangesAsync();
        return orderId;
    }
}
