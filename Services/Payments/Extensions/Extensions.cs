using Shop.Contracts;
using Shop.Contracts.Payments;
using Shop.Messaging.Extensions;
using Shop.Payments.Data;
using Shop.Payments.Handlers;

namespace Shop.Payments.Extensions;

public static class Extensions
{
    public const string ServiceName = "payments";

    public static IHostApplicationBuilder AddPaymentsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<PaymentsDbContext>("paymentsdb", PaymentsDbContext.Schema);
        builder.AddDefaultOpenApi("Shop.Aspire payments", "Customer accounts and balances, and the payments (charges, refunds, declines) the saga made.");
        builder.Services.AddOpenApi();
        builder.AddKafkaMessaging(ServiceName);
        builder.AddTransactionalMessaging<PaymentsDbContext>();
        builder.Services.AddMessageHandler<ChargePayment, ChargePaymentHandler>();
        builder.Services.AddMessageHandler<RefundPayment, RefundPaymentHandler>();
        builder.Services.AddInboxConsumer<PaymentsDbContext>(ServiceName, [ContractTopics.PaymentsCommands]);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Every error answer as problem+json: unhandled exceptions (500), and the bodies ASP.NET Core leaves empty,
    /// such as a malformed JSON request (400) in Production, where it does not throw.
    /// </summary>
    public static WebApplication UseProblemDetailsResponses(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException badRequest ? badRequest.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app;
    }
}
