using Shop.KafkaBroker;
using Shop.KafkaBroker.Apis;

// Shop.KafkaBroker: librdkafka's mock cluster as a process of its own (the AppHost's `kafka` where no container runs).
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<BrokerOptions>().Bind(builder.Configuration.GetSection(BrokerOptions.SectionName));
builder.Services.AddSingleton<MockClusterHost>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<MockClusterHost>());
builder.Services.AddHostedService<BootstrapProxy>();

var app = builder.Build();

app.MapBrokerAdminApi();

app.Run();
