using LoyaltyGrid.Api;
using LoyaltyGrid.Silo;
using Microsoft.AspNetCore.Server.Kestrel.Core;

var builder = WebApplication.CreateBuilder(args);

// gRPC over HTTP/2 cleartext; --urls / ASPNETCORE_URLS choose the address, loopback by default.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2));
if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5000");
}

builder.Services.AddLoyaltyGridStorage(builder.Configuration);
builder.Services.AddLoyaltyGridSecurity(builder.Configuration);
builder.UseOrleans(silo => silo.AddLoyaltyGridClustering(builder.Configuration));
builder.Services.AddLoyaltyGridApi();

var app = builder.Build();
app.MapLoyaltyGridApi();
app.Run();
