using Shop.Orchestrator.Extensions;
using Shop.Messaging.Diagnostics;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddOrchestratorServices();
builder.AddOrchestratorApi();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapMessagingDiagnostics();

app.Run();
