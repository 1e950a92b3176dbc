using Microsoft.EntityFrameworkCore;

namespace Shop.Messaging.Persistence;

internal static class MessagingSchema
{
    /// <summary>The schema of a service's outbox and inbox: its model's default schema (the service's own), for
    /// raw SQL. It comes from the model, never from input, so it may be spliced into SQL text.</summary>
    public static string Of(DbContext db) => db.Model.GetDefaultSchema() ?? "public";
}
