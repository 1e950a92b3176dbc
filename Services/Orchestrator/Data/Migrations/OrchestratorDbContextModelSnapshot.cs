using System;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Shop.Messaging.Persistence;

#nullable disable

namespace Shop.Orchestrator.Data.Migrations
{
    [DbContext(typeof(OrchestratorDbContext))]
    partial class OrchestratorDbContextModelSnapshot : ModelSnapshot
    {
        protected override void BuildModel(ModelBuilder modelBuilder)
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

                    b.HasIndex("CurrentState", "UpdatedAt");

                    b.ToTable("order_sagas", "orchestrator");
                });
        }
    }
}
