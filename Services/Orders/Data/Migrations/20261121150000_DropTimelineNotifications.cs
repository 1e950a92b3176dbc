using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Orders.Data.Migrations
{
    /// <summary>
    /// Drops the <c>order_timeline</c> NOTIFY trigger of <see cref="OrderChangeNotifications"/>: every timeline change
    /// writes its order's row in the same transaction (<see cref="OrdersDbContext"/> makes sure of it), and the live
    /// status streams re-read the whole order, timeline included, when the <c>orders</c> trigger wakes them. The second
    /// trigger only cost a plpgsql call and a <c>pg_notify</c> per timeline row that Postgres then folded into the
    /// first.
    /// </summary>
    public partial class DropTimelineNotifications : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS order_changed_notify ON "orders".order_timeline;""");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER order_changed_notify AFTER INSERT OR UPDATE ON "orders".order_timeline
                    FOR EACH ROW EXECUTE FUNCTION "orders".order_changed_notify();
                """);
        }
    }
}
