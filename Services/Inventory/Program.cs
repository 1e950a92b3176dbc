using Shop.Inventory.Apis;
using Shop.Inventory.Extensions;
using Shop.Messaging.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddInventoryServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();
app.MapProductsApi();

app.Run();
