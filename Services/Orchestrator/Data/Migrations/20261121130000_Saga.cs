using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Messaging.Persistence;

#nullable disable

namespace Shop.Orchestrator.Data.Migrations
{
    /// <summary>The order saga's table, and the outbox and inbox it shares a transaction with. (Hand-written: dotnet-ef's design package does not restore here.)</summary>
    [DbContext(typeof(OrchestratorDbContext))]
    [Migration("20261121130000_Saga")]
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

        protected override void BuildTargetModel(ModelBuilder modelBuilder) => BuildSagaModel(modelBuilder);

        /// <summary>The model as of this migration; later migrations that change no entity start from it.</summary>
        internal static void BuildSagaModel(ModelBuilder modelBuilder)
        {
            modelBuilder
                .HasDefaultSchema("orchestrator")
                .HasAnnotation("ProductVersion", "10.0.0")
                .HasAnnotation("Relational:MaxIdentifierLength", 63);

            NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

            modelBuilder.AddOutboxAndInbox();

            modelBuilder.Entity("Shop.Orchestrator.Saga.OrderSagaState", b =>
                {
                    b.Property<Guid>("CorrelationId")
                        .HasColumnType("uuid")
                        .HasColumnName("correlation_id");

                    b.Property<bool>("AwaitingPaymentReply")
                        .HasColumnType("boolean")
                        .HasColumnName("awaiting_payment_reply");

                    b.Property<bool>("AwaitingStockReply")
                        .HasColumnType("boolean")
                        .HasColumnName("awaiting_stock_reply");

                    b.Property<DateTimeOffset>("CreatedAt")
                        .HasColumnType("timestamp with time zone")
                        .HasColumnName("created_at");

                    b.Property<string>("CurrentState")
                        .IsRequired()
                        .HasMaxLength(64)
                        .HasColumnType("character varying(64)")
                        .HasColumnName("current_state");

                    b.Property<string>("CustomerId")
                        .IsRequired()
                        .HasMaxLength(200)
                        .HasColumnType("character varying(200)")
                        .HasColumnName("customer_id");

                    b.Property<DateTimeOffset?>("Deadline")
                        .HasColumnType("timestamp with time zone")
                        .HasColumnName("deadline");

                    b.Property<string>("Lines")
                        .IsRequired()
                        .HasColumnType("jsonb")
                        .HasColumnName("lines");

                    b.Property<bool>("PaymentCharged")
                        .HasColumnType("boolean")
                        .HasColumnName("payment_charged");

                    b.Property<bool>("PaymentRefunded")
                        .HasColumnType("boolean")
                        .HasColumnName("payment_refunded");

                    b.Property<string>("Reason")
                        .HasMaxLength(64)
                        .HasColumnType("character varying(64)")
                        .HasColumnName("reason");

                    b.Property<bool>("StockReleased")
                        .HasColumnType("boolean")
                        .HasColumnName("stock_released");

                    b.Property<bool>("StockReserved")
                        .HasColumnType("boolean")
                        .HasColumnName("stock_reserved");

                    b.Property<decimal>("Total")
                        .HasColumnType("numeric(18,2)")
                        .HasColumnName("total");

                    b.Property<DateTimeOffset>("UpdatedAt")
                        .HasColumnType("timestamp with time zone")
                        .HasColumnName("updated_at");

                    b.Property<uint>("Version")
                        .IsConcurrencyToken()
                        .ValueGeneratedOnAddOrUpdate()
                        .HasColumnType("xid")
                        .HasColumnName("xmin");

                    b.HasKey("CorrelationId");

                    b.HasIndex("CurrentState", "Deadline");

                    b.ToTable("order_sagas", "orchestrator");
                });
        }
    }
}
