using LoyaltyGrid.Api;
using LoyaltyGrid.Silo;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Memory;

var builder = WebApplication.CreateBuilder(args);

// Default log levels, beneath every other source (appsettings.json, environment, command line can still change them),
// so that they hold also when the silo starts from a directory without its appsettings.json. A first start should show
// the endpoint and the admin key: Orleans and Polly (Orleans' placement retries) report at Information on every start,
// and Orleans 10.4.2's watchdog warns once at start that its participant check "has not completed for" the machine's
// uptime (its first check reads a timestamp it has not set yet), so only its errors are shown.
builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
{
    InitialData = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Error",
        ["Logging:LogLevel:Polly"] = "Warning",
    },
});

// gRPC over HTTP/2 cleartext; --urls / ASPNETCORE_URLS choose the address, loopback by default.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

builder.Services.AddLoyaltyGridStorage(builder.Configuration);
builder.Services.AddLoyaltyGridSecurity(builder.Configuration);
builder.Services.AddLoyaltyGridInsights(builder.Configuration);
builder.Services.AddLoyaltyGridMessages(builder.Configuration);
builder.UseOrleans(silo => silo.AddLoyaltyGridClustering(builder.Configuration));
builder.Services.AddLoyaltyGridApi();

var app = builder.Build();
app.MapLoyaltyGridApi();
app.Run();
