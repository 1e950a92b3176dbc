using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Shop.Messaging.Persistence;

public static class MessagingMigrationBuilderExtensions
{
    /// <summary>The LISTEN/NOTIFY channel on which a schema's outbox announces committed rows.</summary>
    public static string NotifyChannel(string schema) => $"{schema}_outbox";

    /// <summary>
    /// Creates the <c>outbox</c> and <c>inbox</c> tables of <see cref="MessagingModelBuilderExtensions.AddOutboxAndInbox"/>
    /// in <paramref name="schema"/>, plus a statement trigger that NOTIFYs the outbox channel. Postgres delivers a
    /// notification only when its transaction commits, so a relay in any replica wakes exactly when there is
    /// something it may publish.
    /// </summary>
    public static void CreateOutboxAndInbox(this MigrationBuilder migrationBuilder, string schema)
    {
        migrationBuilder.CreateTable(
            name: MessagingModelBuilderExtensions.OutboxTable,
            schema: schema,
            columns: table => new
            {
                id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                topic = table.Column<string>(type: "character varying(249)", maxLength: 249, nullable: false),
                key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                message_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                payload = table.Column<string>(type: "text", nullable: false),
                headers = table.Column<string>(type: "jsonb", nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_outbox", x => x.id));

        migrationBuilder.CreateTable(
            name: MessagingModelBuilderExtensions.InboxTable,
            schema: schema,
            columns: table => new
            {
                consumer_group = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                message_id = table.Column<Guid>(type: "uuid", nullable: false),
                message_type = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                handled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_inbox", x => new { x.consumer_group, x.message_id }));

        migrationBuilder.CreateIndex(
            name: "IX_inbox_handled_at",
            schema: schema,
            table: MessagingModelBuilderExtensions.InboxTable,
            column: "handled_at");

        var channel = NotifyChannel(schema);
        migrationBuilder.Sql($"""
            CREATE FUNCTION "{schema}".outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{channel}', '');
                RETURN NULL;
            END $$;
            CREATE TRIGGER outbox_notify AFTER INSERT ON "{schema}".outbox
                FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".outbox_notify();
            """);
    }
}
