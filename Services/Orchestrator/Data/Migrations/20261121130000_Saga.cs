using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Messaging.Persistence;

#nullable disable

namespace Shop.Orchestrator.Data.Migrations
{
    /// <summary>The order saga's table, and the outbox and inbox it shares a transaction with.</summary>
    public partial class Saga : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateOutboxAndInbox("orchestrator");

            // xmin is Postgres' system column: the row version costs no column of its own (Npgsql skips it here).
            migrationBuilder.CreateTable(
                name: "order_sagas",
                schema: "orchestrator",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    customer_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lines = table.Column<string>(type: "jsonb", nullable: false),
                    total = table.Column<decimal>(type: "numeric(18,2)", nullable: false),
                    reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    stock_reserved = table.Column<bool>(type: "boolean", nullable: false),
                    payment_charged = table.Column<bool>(type: "boolean", nullable: false),
                    stock_released = table.Column<bool>(type: "boolean", nullable: false),
                    payment_refunded = table.Column<bool>(type: "boolean", nullable: false),
                    awaiting_stock_reply = table.Column<bool>(type: "boolean", nullable: false),
                    awaiting_payment_reply = table.Column<bool>(type: "boolean", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_order_sagas", x => x.correlation_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_current_state_deadline",
                schema: "orchestrator",
                table: "order_sagas",
                columns: new[] { "current_state", "deadline" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "order_sagas", schema: "orchestrator");
            migrationBuilder.DropTable(name: "outbox", schema: "orchestrator");
            migrationBuilder.DropTable(name: "inbox", schema: "orchestrator");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "orchestrator".outbox_notify();""");
        }
    }
}
