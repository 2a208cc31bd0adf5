using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using LoyaltyGrid.Cdnow;

// dotnet run --project samples/LoyaltyGrid.Cdnow -- <endpoint> <data file> [program id]
// dotnet run --project samples/LoyaltyGrid.Cdnow -- <endpoint> --bench <members> <purchases> [program id]   (InsightsBench)
// The admin key comes from LOYALTYGRID_KEY. Progress goes to stderr; stdout gets only the two result lines.
if (args.Length < 2 || Environment.GetEnvironmentVariable("LOYALTYGRID_KEY") is not { Length: > 0 } key)
{
    Console.Error.WriteLine("usage: LOYALTYGRID_KEY=<admin key> LoyaltyGrid.Cdnow <endpoint> <CDNOW_sample.txt> [program id]");
    return 2;
}
using var channel = GrpcChannel.ForAddress(args[0]);
var invoker = channel.CreateCallInvoker().Intercept(metadata =>
{
    metadata.Add("authorization", "Bearer " + key);
    return metadata;
});
// The silo may still be starting: wait for it to answer (90 s at most).
var diagnostics = new LoyaltyGrid.Api.V1.Diagnostics.DiagnosticsClient(invoker);
for (var deadline = DateTime.UtcNow.AddSeconds(90); ; await Task.Delay(250))
{
    try
    {
        await diagnostics.PingAsync(new LoyaltyGrid.Api.V1.PingRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
        break;
    }
    catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
    {
    }
}
if (args[1] == "--bench" && args.Length >= 4)
{
    await InsightsBench.RunAsync(invoker, int.Parse(args[2]), int.Parse(args[3]), args.Length > 4 ? args[4] : "bench", Console.Out);
    return 0;
}
var fit = await CdnowRun.RunAsync(invoker, args[1], args.Length > 2 ? args[2] : "cdnow", Console.Error);
foreach (var line in CdnowRun.Lines(fit))
{
    Console.WriteLine(line);
}
return 0;
