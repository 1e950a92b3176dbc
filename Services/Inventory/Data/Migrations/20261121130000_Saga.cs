using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Messaging.Persistence;

#nullable disable

namespace Shop.Inventory.Data.Migrations
{
    /// <summary>Products, per-order reservations and their lines, and the messaging outbox and inbox (issue 3's saga).
    ///</summary>
    public partial class Saga : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "products",
                schema: "inventory",
                columns: table => new
                {
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    unit_price = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    on_hand = table.Column<int>(type: "integer", nullable: false),
                    reserved = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.sku);
                    table.CheckConstraint("CK_products_on_hand", "on_hand >= 0");
                    table.CheckConstraint("CK_products_reserved", "reserved >= 0 AND reserved <= on_hand");
                    table.CheckConstraint("CK_products_unit_price", "unit_price >= 0");
                });

            migrationBuilder.CreateTable(
                name: "reservations",
                schema: "inventory",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                },
                constraints: table => table.PrimaryKey("PK_reservations", x => x.order_id));

            migrationBuilder.CreateTable(
                name: "reservation_lines",
                schema: "inventory",
                columns: table => new
                {
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    quantity = table.Column<int>(type: "integer", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reservation_lines", x => new { x.order_id, x.sku });
                    table.CheckConstraint("CK_reservation_lines_quantity", "quantity > 0");
                    table.ForeignKey(
                        name: "FK_reservation_lines_reservations_order_id",
                        column: x => x.order_id,
                        principalSchema: "inventory",
                        principalTable: "reservations",
                        principalColumn: "order_id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_reservations_held_expires_at",
                schema: "inventory",
                table: "reservations",
                column: "expires_at",
                filter: "status = 'Held'");

            migrationBuilder.CreateOutboxAndInbox("inventory");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "reservation_lines", schema: "inventory");
            migrationBuilder.DropTable(name: "reservations", schema: "inventory");
            migrationBuilder.DropTable(name: "products", schema: "inventory");
            migrationBuilder.DropTable(name: "outbox", schema: "inventory");
            migrationBuilder.DropTable(name: "inbox", schema: "inventory");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS \"inventory\".outbox_notify();");
        }
    }
}
