using Shop.Messaging.Diagnostics;
using Shop.Orders.Apis;
using Shop.Orders.Extensions;
using Shop.Orders.Storefront;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrdersServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();
app.UseStorefrontPage();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();
app.MapOrdersApi();
app.MapStorefrontApi();

app.Run();
