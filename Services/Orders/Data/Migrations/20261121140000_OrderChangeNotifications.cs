using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Shop.Orders.Live;

#nullable disable

namespace Shop.Orders.Data.Migrations
{
    /// <summary>
    /// NOTIFYs <see cref="OrderChangeFeed.Channel"/> with the order's id whenever an order or its timeline is inserted
    /// or updated, for the live status streams. Postgres sends it when the transaction commits and folds identical
    /// notifications of one transaction into one.
    /// </summary>
    public partial class OrderChangeNotifications : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION "orders".order_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'orders' THEN
                        PERFORM pg_notify('{OrderChangeFeed.Channel}', NEW.id::text);
                    ELSE
                        PERFORM pg_notify('{OrderChangeFeed.Channel}', NEW.order_id::text);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER order_changed_notify AFTER INSERT OR UPDATE ON "orders".orders
                    FOR EACH ROW EXECUTE FUNCTION "orders".order_changed_notify();
                CREATE TRIGGER order_changed_notify AFTER INSERT OR UPDATE ON "orders".order_timeline
                    FOR EACH ROW EXECUTE FUNCTION "orders".order_changed_notify();
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS "orders".order_changed_notify() CASCADE;""");
        }
    }
}
