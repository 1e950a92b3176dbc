using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Shop.Contracts;
using Shop.Messaging.Envelope;
using Shop.Messaging.Handling;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Extensions;

public static class TransactionalMessagingExtensions
{
    /// <summary>
    /// The transactional outbox and inbox of DESIGN §3 on <typeparamref name="TContext"/> (which must call
    /// <c>modelBuilder.AddOutboxAndInbox()</c>): a scoped <see cref="IOutbox"/>, the relay that publishes committed
    /// outbox rows, and the message-type registry of <see cref="MessageContracts"/>. Call after
    /// <c>AddServiceDatabase</c> and <c>AddKafkaMessaging</c>.
    /// </summary>
    public static IHostApplicationBuilder AddTransactionalMessaging<TContext>(this IHostApplicationBuilder builder)
        where TContext : DbContext
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(_ => new MessageTypeRegistry(MessageContracts.All));
        builder.Services.TryAddSingleton<MessageSerializer>();
        builder.Services.TryAddScoped<MessageContext>();
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection(OutboxOptions.SectionName));
        builder.Services.AddSingleton<OutboxSignal<TContext>>();
        builder.Services.AddSingleton<IInterceptor, OutboxCommitInterceptor<TContext>>();
        builder.Services.AddScoped<IOutbox, EfOutbox<TContext>>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        return builder;
    }

    /// <summary>Registers <typeparamref name="THandler"/> for <typeparamref name="TMessage"/> (scoped: one per message).</summary>
    public static IServiceCollection AddMessageHandler<TMessage, THandler>(this IServiceCollection services)
        where TMessage : class
        where THandler : class, IMessageHandler<TMessage>
    {
        services.AddScoped<IMessageHandler<TMessage>, THandler>();
        return services;
    }

    /// <summary>
    /// A consumer loop in group <paramref name="groupId"/> over <paramref name="topics"/> that handles each record in
    /// one <typeparamref name="TContext"/> transaction with the inbox (DESIGN §3). Records of a type this service has
    /// no <see cref="IMessageHandler{TMessage}"/> for are acknowledged and skipped: a topic carries several types.
    /// </summary>
    public static IServiceCollection AddInboxConsumer<TContext>(
        this IServiceCollection services, string groupId, IReadOnlyList<string> topics, int maxAttempts = 8, bool batching = true)
        where TContext : DbContext
    {
        // One inbox consumer per service: its group id is also the inbox's key prefix.
        services.AddSingleton(new InboxConsumerGroup(groupId));
        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.SectionName);
        services.AddSingleton<InboxPruner<TContext>>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<InboxPruner<TContext>>());
        return services.AddKafkaConsumer<InboxRecordHandler<TContext>>(groupId, topics, maxAttempts, batching);
    }
}
