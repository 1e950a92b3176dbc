using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Handling;
using Shop.Messaging.Kafka;
using Shop.Messaging.Tests.Support;

namespace Shop.Messaging.Tests.Transactional;

/// <summary>
/// Appends each message's name to its widget's (so the row shows which messages took effect, in which order) and
/// misbehaves on cue: "poison" can never succeed; "collides-once" fails its first attempt on a real unique
/// violation (it inserts a widget that exists), as a duplicate insert racing another transaction does, and succeeds
/// afterwards.
/// </summary>
public sealed class ScriptedWidgetHandler(WidgetDbContext db, AttemptRecorder recorder) : IMessageHandler<WidgetShipped>
{
    public const string Poison = "poison";
    public const string CollidesOnce = "collides-once";

    public async Task HandleAsync(WidgetShipped message, CancellationToken cancellationToken)
    {
        var attempt = recorder.Attempt($"{message.OrderId}/{message.Name}");
        if (message.Name == Poison)
        {
            throw new PermanentMessageException("poisoned", "This widget can never ship.");
        }

        if (message.Name == CollidesOnce && attempt == 1)
        {
            // Straight to PostgreSQL: the change tracker would refuse a second widget with a key it already tracks.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO widgets.widgets (order_id, name, times_handled) VALUES ({message.OrderId}, {message.Name}, 1)", cancellationToken);
            return;
        }

        var widget = await db.Widgets.FindAsync([message.OrderId], cancellationToken);
        if (widget is null)
        {
            db.Widgets.Add(new Widget { OrderId = message.OrderId, Name = message.Name, TimesHandled = 1 });
        }
        else
        {
            widget.Name = $"{widget.Name},{message.Name}";
            widget.TimesHandled++;
        }
    }
}
