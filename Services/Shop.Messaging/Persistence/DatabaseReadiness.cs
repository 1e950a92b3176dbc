using Microsoft.EntityFrameworkCore;
using Shop.Messaging.Hosting;

namespace Shop.Messaging.Persistence;

/// <summary>Set once <typeparamref name="TContext"/>'s migrations have been applied.</summary>
public sealed class DatabaseReadiness<TContext> : DependencyReadiness where TContext : DbContext;
