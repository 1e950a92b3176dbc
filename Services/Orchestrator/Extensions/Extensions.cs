using Shop.Messaging;
using Shop.Messaging.Extensions;
using Shop.Redis;
using Shop.Orchestrator.Data;

namespace Shop.Orchestrator.Extensions;

public static class Extensions
{
    public const string ServiceName = "orchestrator";

    public static IHostApplicationBuilder AddOrchestratorServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<OrchestratorDbContext>("orchestratordb", OrchestratorDbContext.Schema);
        builder.AddKafkaMessaging(ServiceName);
        builder.AddRedis(ServiceNames.Cache);
        return builder;
    }
}
