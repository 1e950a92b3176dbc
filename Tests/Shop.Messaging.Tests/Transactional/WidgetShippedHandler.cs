using Shop.Messaging.Handling;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>Counts each delivery that reaches it (a second one would show as TimesHandled = 2).</summary>
public sealed class WidgetShippedHandler(WidgetDbContext db) : IMessageHandler<WidgetShipped>
{
    public async Task HandleAsync(WidgetShipped message, CancellationToken cancellationToken)
    {
        var widget = await db.Widgets.FindAsync([message.OrderId], cancellationToken);
        if (widget is null)
        {
            db.Widgets.Add(new Widget { OrderId = message.OrderId, Name = message.Name, TimesHandled = 1 });
        }
        else
        {
            widget.TimesHandled++;
        }
    }
}
