using LoyaltyGrid.Baseline;
using LoyaltyGrid.Baseline.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);

// gRPC over HTTP/2 cleartext, like the silo; --urls chooses the address.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var section = builder.Configuration.GetSection(BaselineOptions.Section);
var options = section.Get<BaselineOptions>() ?? new BaselineOptions();
builder.Services.AddOptions<BaselineOptions>()
    .Bind(section)
    .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), $"{BaselineOptions.Section}:ConnectionString (a PostgreSQL connection string) is required.")
    .ValidateOnStart();

// Ahead of UseOrleans: the AdoNet storage reads its queries from the tables this creates when the silo starts.
builder.Services.AddHostedService<SchemaStartup>();
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
    .AddAdoNetGrainStorage(BaselineOptions.StorageName, storage =>
    {
        storage.Invariant = "Npgsql";
        storage.ConnectionString = options.ConnectionString;
    }));
builder.Services.AddGrpc();

var app = builder.Build();
app.MapGrpcService<BaselineCheckoutService>();
app.MapGrpcService<BaselineMembersService>();
app.MapGrpcService<BaselineProgramsService>();
app.MapGrpcService<BaselineAccessService>();
app.MapGrpcService<BaselineDiagnosticsService>();
app.Run();
