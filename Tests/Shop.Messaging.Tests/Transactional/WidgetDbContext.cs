using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Persistence;

namespace Shop.Messaging.Tests.Transactional;

public sealed class WidgetDbContext(DbContextOptions<WidgetDbContext> options) : DbContext(options)
{
    public const string Schema = "widgets";

    public DbSet<Widget> Widgets => Set<Widget>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<Widget>(widget =>
        {
            widget.ToTable("widgets");
            widget.HasKey(w => w.OrderId);
            widget.Property(w => w.OrderId).HasColumnName("order_id");
            widget.Property(w => w.Name).HasColumnName("name");
            widget.Property(w => w.TimesHandled).HasColumnName("times_handled");
        });
        modelBuilder.AddOutboxAndInbox();
    }
}
