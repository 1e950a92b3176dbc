using Shop.Inventory.Extensions;
using Shop.Messaging.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventoryServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();

app.Run();
