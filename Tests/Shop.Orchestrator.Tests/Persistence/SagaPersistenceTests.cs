using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Shop.Messaging.Outbox;
using Shop.Orchestrator.Data;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Tests.Persistence;

/// <summary>
/// The saga as the service runs it: MassTransit's scoped mediator, the scoped DbContext saga repository and the
/// outbox publish filter, on a real PostgreSQL, through the service's own registrations.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SagaPersistenceTests(PostgresFixture postgres) : IAsyncLifetime
{
    private static readonly IReadOnlyList<PricedOrderLine> Lines = [new PricedOrderLine("SKU-1", 2, 10.00m)];

    private OrchestratorTestHost _host = null!;

    public async Task InitializeAsync() => _host = await OrchestratorTestHost.CreateAsync(postgres);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_mediator_should_leave_the_saga_row_and_its_outbox_rows_to_one_SaveChanges()
    {
        var orderId = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
        await using var transaction = await db.Database.BeginTransactionAsync();

        await mediator.Send(new OrderSubmitted(orderId, "alice", Lines, 20.00m, _host.Time.GetUtcNow()));

        // Nothing is written yet: the state machine only changed what the scope's DbContext tracks.
        db.ChangeTracker.Entries().Select(e => (e.Entity.GetType().Name, e.State)).Should().BeEquivalentTo(
        [
            (nameof(OrderSagaState), EntityState.Added),
            (nameof(OutboxMessage), EntityState.Added),
            (nameof(OutboxMessage), EntityState.Added),
        ]);
        (await db.OrderSagas.AsNoTracking().CountAsync(s => s.CorrelationId == orderId)).Should().Be(0);

        var written = await db.SaveChangesAsync();
        await transaction.CommitAsync();

        written.Should().Be(3, "the saga row and both outbox rows go in one SaveChanges");
        var saga = await _host.SagaAsync(orderId);
        saga.Should().NotBeNull();
        saga!.CurrentState.Should().Be(OrderStates.ReservingStock);
        // Postgres keeps microseconds; the saga rounds its deadlines to them so they read back equal.
        saga.Deadline.Should().BeCloseTo(_host.Time.GetUtcNow() + TimeSpan.FromSeconds(10), TimeSpan.FromTicks(10));
        saga.Version.Should().NotBe(0u);
        var outbox = await _host.OutboxAsync(orderId);
        outbox.Select(m => (m.Topic, m.MessageType)).Should().Equal(
            (ContractTopics.InventoryCommands, "inventory.reserve-stock.v1"),
            (ContractTopics.OrdersCommands, "orders.record-order-progress.v2"));
        outbox[0].Payload.Should().Contain("SKU-1");
    }

    [Fact]
    public async Task Events_from_the_inbox_should_drive_the_saga_and_queue_its_commands()
    {
        var orderId = Guid.NewGuid();
        var key = orderId.ToString();
        var reserved = Guid.CreateVersion7();

        await _host.ConsumeAsync(new OrderSubmitted(orderId, "alice", Lines, 20.00m, _host.Time.GetUtcNow()), key);
        var versionAfterSubmit = (await _host.SagaAsync(orderId))!.Version;
        await _host.ConsumeAsync(new StockReserved(orderId), key, reserved);
        await _host.ConsumeAsync(new StockReserved(orderId), key, reserved);
        await _host.ConsumeAsync(new PaymentCharged(orderId, Guid.NewGuid(), 20.00m), key);

        var saga = await _host.SagaAsync(orderId);
        saga!.CurrentState.Should().Be(OrderStates.CommittingStock);
        saga.StockReserved.Should().BeTrue();
        saga.PaymentCharged.Should().BeTrue();
        saga.Version.Should().NotBe(versionAfterSubmit, "every update bumps xmin");
        var outbox = await _host.OutboxAsync(orderId);
        outbox.Select(m => m.MessageType).Where(t => t != "orders.record-order-progress.v2").Should().Equal(
            "inventory.reserve-stock.v1", "payments.charge-payment.v1", "inventory.commit-stock.v1");
        outbox.Should().HaveCount(6, "each event also reports its progress, in one record next to each of the 3 commands");
    }

    [Fact]
    public async Task Events_of_one_saga_handled_in_one_batch_should_each_see_the_state_the_one_before_left()
    {
        var orderId = Guid.NewGuid();
        var key = orderId.ToString();
        var reserved = Guid.CreateVersion7();

        // One transaction: the saga row is inserted by the first event and updated by the next ones; the repeated
        // StockReserved is the inbox's to drop.
        await _host.ConsumeBatchAsync(
            _host.Record(new OrderSubmitted(orderId, "alice", Lines, 20.00m, _host.Time.GetUtcNow()), key),
            _host.Record(new StockReserved(orderId), key, reserved),
            _host.Record(new StockReserved(orderId), key, reserved),
            _host.Record(new PaymentCharged(orderId, Guid.NewGuid(), 20.00m), key));

        var saga = await _host.SagaAsync(orderId);
        saga!.CurrentState.Should().Be(OrderStates.CommittingStock);
        saga.StockReserved.Should().BeTrue();
        saga.PaymentCharged.Should().BeTrue();
        var outbox = await _host.OutboxAsync(orderId);
        outbox.Select(m => m.MessageType).Where(t => t != "orders.record-order-progress.v2").Should().Equal(
            "inventory.reserve-stock.v1", "payments.charge-payment.v1", "inventory.commit-stock.v1");
        outbox.Should().HaveCount(6, "the same records as when each event is its own transaction");

        // The next event, alone, finds the row the batch committed (xmin included) and moves it on.
        await _host.ConsumeAsync(new StockCommitted(orderId), key);
        (await _host.SagaAsync(orderId))!.CurrentState.Should().Be(OrderStates.Completing);
    }

    [Fact]
    public async Task A_failure_inside_the_saga_should_reach_the_inbox_consumer_so_it_retries()
    {
        var orderId = Guid.NewGuid();
        await using var scope = _host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IScopedMediator>();
        // The repository's DbContext refuses every statement, as when the database fails mid-message: its
        // transaction is aborted. (Disposing the context no longer breaks it: the contexts are pooled, and a
        // scope's context is only returned to the pool when the scope ends.)
        var db = scope.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var fail = () => db.Database.ExecuteSqlRawAsync("SELECT 1/0");
        await fail.Should().ThrowAsync<PostgresException>();

        var send = () => mediator.Send(new StockReserved(orderId));

        (await send.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InFailedSqlTransaction);
    }

    [Fact]
    public async Task Two_concurrent_updates_of_one_saga_should_conflict_at_SaveChanges()
    {
        var orderId = Guid.NewGuid();
        await _host.ConsumeAsync(new OrderSubmitted(orderId, "alice", Lines, 20.00m, _host.Time.GetUtcNow()), orderId.ToString());

        await using var first = _host.Services.CreateAsyncScope();
        await using var second = _host.Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<OrchestratorDbContext>();
        await first.ServiceProvider.GetRequiredService<IScopedMediator>().Send(new StockReserved(orderId));
        await second.ServiceProvider.GetRequiredService<IScopedMediator>().Send(new StockReservationFailed(orderId, "OutOfStock", ["SKU-1"]));

        await firstDb.SaveChangesAsync();
        var losing = () => secondDb.SaveChangesAsync();

        await losing.Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await _host.SagaAsync(orderId))!.CurrentState.Should().Be(OrderStates.ChargingPayment);
    }

    [Fact]
    public async Task The_sweeper_should_time_out_only_sagas_past_their_deadline()
    {
        var late = Guid.NewGuid();
        var early = Guid.NewGuid();
        await _host.ConsumeAsync(new OrderSubmitted(late, "alice", Lines, 20.00m, _host.Time.GetUtcNow()), late.ToString());
        _host.Time.Advance(TimeSpan.FromSeconds(5));
        await _host.ConsumeAsync(new OrderSubmitted(early, "bob", Lines, 20.00m, _host.Time.GetUtcNow()), early.ToString());
        var sweeper = ActivatorUtilities.CreateInstance<SagaDeadlineSweeper>(_host.Services);

        (await sweeper.SweepAsync(CancellationToken.None)).Should().Be(0, "no deadline has passed yet");
        _host.Time.Advance(TimeSpan.FromSeconds(6));
        (await sweeper.SweepAsync(CancellationToken.None)).Should().Be(1);
        (await sweeper.SweepAsync(CancellationToken.None)).Should().Be(0, "a cancelled saga has no deadline");

        var timedOut = await _host.SagaAsync(late);
        timedOut!.CurrentState.Should().Be(OrderStates.Cancelled);
        timedOut.Reason.Should().Be(CancellationReasons.ReservationTimeout);
        timedOut.Deadline.Should().BeNull();
        (await _host.OutboxAsync(late)).Select(m => m.MessageType).Should().Contain("orders.cancel-order.v1");
        (await _host.SagaAsync(early))!.CurrentState.Should().Be(OrderStates.ReservingStock);
    }
}
