using Shop.Payments.Extensions;
using Shop.Messaging.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddPaymentsServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();

app.Run();
