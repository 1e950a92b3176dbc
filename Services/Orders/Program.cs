using Shop.Orders.Extensions;
using Shop.Messaging.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdersServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();

app.Run();
