using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Inbox;
using Shop.Messaging.Outbox;

namespace Shop.Messaging.Persistence;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox";
    public const string InboxTable = "inbox";

    /// <summary>
    /// Adds the <c>outbox</c> and <c>inbox</c> tables to a service's model, in the model's default schema.
    /// Call it from <c>OnModelCreating</c>; create the tables (and the outbox's NOTIFY trigger) in a migration with
    /// <see cref="MessagingMigrationBuilderExtensions.CreateOutboxAndInbox"/>.
    /// </summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        // Required-ness is spelled out here rather than left to the entity classes' nullable annotations.
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable(OutboxTable);
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.Id).HasColumnName("id").UseIdentityByDefaultColumn();
            outbox.Property(m => m.MessageId).HasColumnName("message_id");
            outbox.Property(m => m.Topic).HasColumnName("topic").HasMaxLength(249).IsRequired();
            outbox.Property(m => m.Key).HasColumnName("key").HasMaxLength(200).IsRequired();
            outbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(200).IsRequired();
            outbox.Property(m => m.Payload).HasColumnName("payload").HasColumnType("text").IsRequired();
            outbox.Property(m => m.Headers).HasColumnName("headers").HasColumnType("jsonb").IsRequired();
            outbox.Property(m => m.CreatedAt).HasColumnName("created_at");
        });

        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable(InboxTable);
            inbox.HasKey(m => new { m.ConsumerGroup, m.MessageId });
            inbox.Property(m => m.ConsumerGroup).HasColumnName("consumer_group").HasMaxLength(200).IsRequired();
            inbox.Property(m => m.MessageId).HasColumnName("message_id");
            inbox.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(200).IsRequired();
            inbox.Property(m => m.HandledAt).HasColumnName("handled_at");
            inbox.HasIndex(m => m.HandledAt);
        });

        return modelBuilder;
    }
}
