using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Shop.Orchestrator.Data.Migrations
{
    /// <summary>An index for <c>FinishedSagaPruner</c>: finished sagas by when they last changed.</summary>
    public partial class FinishedSagaRetention : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_order_sagas_current_state_updated_at",
                schema: "orchestrator",
                table: "order_sagas",
                columns: new[] { "current_state", "updated_at" });
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "IX_order_sagas_current_state_updated_at", schema: "orchestrator", table: "order_sagas");
        }
    }
}
