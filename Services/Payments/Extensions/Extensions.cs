using Shop.Messaging.Extensions;
using Shop.Payments.Data;

namespace Shop.Payments.Extensions;

public static class Extensions
{
    public const string ServiceName = "payments";

    public static IHostApplicationBuilder AddPaymentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>("paymentsdb", PaymentsDbContext.Schema);
        builder.AddKafkaMessaging(ServiceName);
        return builder;
    }
}
