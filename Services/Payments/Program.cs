using Shop.Messaging.Diagnostics;
using Shop.Payments.Apis;
using Shop.Payments.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

var app = builder.Build();

app.UseProblemDetailsResponses();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();
app.MapAccountsApi();
app.MapPaymentsApi();

app.Run();
