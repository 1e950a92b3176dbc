using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Messaging.Persistence;

#nullable disable

namespace Shop.Payments.Data.Migrations
{
    /// <summary>Accounts, payments (one per order) and the outbox/inbox of the saga's messaging.
    ///</summary>
    public partial class Saga : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                schema: "payments",
                columns: table => new
                {
                    customer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    balance = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.customer_id);
                    table.CheckConstraint("CK_accounts_balance_not_negative", "balance >= 0");
                });

            migrationBuilder.CreateTable(
                name: "payments",
                schema: "payments",
                columns: table => new
                {
                    payment_id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decline_reason = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    refunded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.payment_id);
                    table.CheckConstraint("CK_payments_amount_not_negative", "amount >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_order_id",
                schema: "payments",
                table: "payments",
                column: "order_id",
                unique: true);

            migrationBuilder.CreateOutboxAndInbox(PaymentsDbContext.Schema);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "accounts", schema: "payments");
            migrationBuilder.DropTable(name: "payments", schema: "payments");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS outbox_notify ON payments.outbox; DROP FUNCTION IF EXISTS payments.outbox_notify();");
            migrationBuilder.DropTable(name: MessagingModelBuilderExtensions.OutboxTable, schema: "payments");
            migrationBuilder.DropTable(name: MessagingModelBuilderExtensions.InboxTable, schema: "payments");
        }
    }
}
