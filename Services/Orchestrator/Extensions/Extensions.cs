using MassTransit;
using Shop.Contracts;
using Shop.Contracts.Inventory;
using Shop.Contracts.Orders;
using Shop.Contracts.Payments;
using Shop.Messaging.Extensions;
using Shop.Orchestrator.Data;
using Shop.Orchestrator.Data.Saga;
using Shop.Orchestrator.Handlers;
using Shop.Orchestrator.Messaging;
using Shop.Orchestrator.Saga;

namespace Shop.Orchestrator.Extensions;

public static class Extensions
{
    public const string ServiceName = "orchestrator";

    /// <summary>
    /// The HTTP surface's description (OpenAPI), apart from <see cref="AddOrchestratorServices"/>: the saga's tests host
    /// those registrations in a generic host, which has no routing for the API explorer to read endpoints from.
    /// </summary>
    public static IHostApplicationBuilder AddOrchestratorApi(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultOpenApi("Shop.Aspire orchestrator", "Runs the order saga over Kafka; over HTTP it answers health probes (and, when enabled, messaging diagnostics).");
        builder.Services.AddOpenApi();
        return builder;
    }

    public static IHostApplicationBuilder AddOrchestratorServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrchestratorDbContext>("orchestratordb", OrchestratorDbContext.Schema);
        builder.AddKafkaMessaging(ServiceName);
        builder.AddTransactionalMessaging<OrchestratorDbContext>();

        builder.Services.AddOptions<SagaDeadlineOptions>().BindConfiguration(SagaDeadlineOptions.SectionName);
        builder.Services.AddOrderSaga();
        builder.Services.AddHostedService<SagaDeadlineSweeper>();
        builder.Services.AddOptions<SagaRetentionOptions>().BindConfiguration(SagaRetentionOptions.SectionName);
        builder.Services.AddSingleton<FinishedSagaPruner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FinishedSagaPruner>());

        builder.Services.AddSagaEvent<OrderSubmitted>();
        builder.Services.AddSagaEvent<OrderCancellationRequested>();
        builder.Services.AddSagaEvent<OrderCompleted>();
        builder.Services.AddSagaEvent<OrderCancelled>();
        builder.Services.AddSagaEvent<StockReserved>();
        builder.Services.AddSagaEvent<StockReservationFailed>();
        builder.Services.AddSagaEvent<StockReleased>();
        builder.Services.AddSagaEvent<StockCommitted>();
        builder.Services.AddSagaEvent<StockCommitFailed>();
        builder.Services.AddSagaEvent<PaymentCharged>();
        builder.Services.AddSagaEvent<PaymentDeclined>();
        builder.Services.AddSagaEvent<PaymentRefunded>();
        builder.Services.AddInboxConsumer<OrchestratorDbContext>(
            ServiceName, [ContractTopics.OrdersEvents, ContractTopics.InventoryEvents, ContractTopics.PaymentsEvents]);
        return builder;
    }

    /// <summary>
    /// The order state machine on MassTransit's mediator, its instances in the scope's
    /// <see cref="OrchestratorDbContext"/>, and what it publishes in the scope's outbox. Whoever sends into the
    /// scoped mediator saves the DbContext (the inbox consumer, the deadline sweeper).
    /// </summary>
    public static IServiceCollection AddOrderSaga(this IServiceCollection services)
    {
        services.AddMediator(mediator =>
        {
            mediator.AddSagaStateMachine<OrderStateMachine, OrderSagaState>()
                .ScopedDbContextRepository<OrderSagaState, OrchestratorDbContext>();
            mediator.ConfigureMediator((context, configurator) =>
                configurator.UsePublishFilter(typeof(OutboxPublishFilter<>), context));
        });
        return services;
    }

    private static IServiceCollection AddSagaEvent<TMessage>(this IServiceCollection services)
        where TMessage : class =>
        services.AddMessageHandler<TMessage, SagaEventHandler<TMessage>>();
}
