using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.Cdnow;

/// <summary>
/// The whole sample as a client does it: create a program, import the customers as members (enrolled on their first
/// purchase day), import their purchase history, wait for the insights projection, fit on the published 39-week
/// calibration period (1997-01-01 to 1997-09-30, weeks).
/// </summary>
public static class CdnowRun
{
    public static readonly DateTime CalibrationStart = new(1997, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The day after the calibration period's last day, 1997-09-30 (the API's period is half-open).</summary>
    public static readonly DateTime CalibrationEnd = new(1997, 10, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<FitLifetimeValueModelResponse> RunAsync(CallInvoker channel, string dataPath, string programId, TextWriter log)
    {
        var purchases = CdnowPurchase.Load(dataPath);
        var programs = new Programs.ProgramsClient(channel);
        var members = new Members.MembersClient(channel);
        var checkout = new Checkout.CheckoutClient(channel);
        var insights = new Insights.InsightsClient(channel);

        try
        {
            await programs.CreateProgramAsync(new CreateProgramRequest
            {
                RequestId = "create-" + programId, ProgramId = programId, Name = "CDNOW sample", Currency = "USD", PointsPerCurrencyUnit = 1,
            });
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            // Run again against the same silo: the imports below are idempotent too.
        }

        using (var import = members.ImportMembers())
        {
            foreach (var first in purchases.GroupBy(p => p.CustomerId).Select(g => g.First()))
            {
                await import.RequestStream.WriteAsync(new ImportMemberRequest
                {
                    ImportId = "cdnow-members", ProgramId = programId, MemberId = first.CustomerId, EnrolledAt = Midnight(first.Day),
                });
            }
            await import.RequestStream.CompleteAsync();
            var imported = await import;
            log.WriteLine($"members: {imported.Received} received, {imported.Imported} imported, {imported.Unchanged} unchanged, {imported.Failed} failed");
            Require(imported.Failed == 0, imported.Failures.FirstOrDefault()?.Message);
        }

        using (var import = checkout.ImportPurchaseHistory())
        {
            foreach (var purchase in purchases)
            {
                await import.RequestStream.WriteAsync(new ImportPurchaseHistoryRequest
                {
                    ImportId = "cdnow-history",
                    ProgramId = programId,
                    MemberId = purchase.CustomerId,
                    PurchaseId = $"{purchase.CustomerId}-{purchase.Day:yyyyMMdd}",
                    // Noon UTC: the day is the occasion, and noon keeps it that day in any time zone a report might use.
                    OccurredAt = Timestamp.FromDateTime(purchase.Day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc)),
                    AmountMinor = purchase.AmountMinor,
                    Currency = "USD",
                });
            }
            await import.RequestStream.CompleteAsync();
            var imported = await import;
            log.WriteLine($"purchases: {imported.Received} received, {imported.Imported} imported, {imported.Unchanged} unchanged, {imported.Failed} failed");
            Require(imported.Failed == 0, imported.Failures.FirstOrDefault()?.Message);
        }

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await insights.GetProjectionStatusAsync(new GetProjectionStatusRequest())).CaughtUp)
        {
            Require(DateTime.UtcNow < deadline, "the insights projection did not catch up within 2 minutes");
            await Task.Delay(200);
        }
        log.WriteLine("projection caught up");

        return await insights.FitLifetimeValueModelAsync(new FitLifetimeValueModelRequest
        {
            ProgramId = programId,
            CalibrationStart = Timestamp.FromDateTime(CalibrationStart),
            CalibrationEnd = Timestamp.FromDateTime(CalibrationEnd),
            TimeUnit = Duration.FromTimeSpan(TimeSpan.FromDays(7)),
        });
    }

    /// <summary>The two result lines; gamma in dollars (the API's is in cents, the currency's minor unit, as is all money).</summary>
    public static string[] Lines(FitLifetimeValueModelResponse fit) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"bgnbd r={fit.Bgnbd.R:F3} alpha={fit.Bgnbd.Alpha:F3} a={fit.Bgnbd.A:F3} b={fit.Bgnbd.B:F3}"),
        string.Create(CultureInfo.InvariantCulture, $"gammagamma p={fit.GammaGamma.P:F2} q={fit.GammaGamma.Q:F2} gamma={fit.GammaGamma.Gamma / 100:F2}"),
    ];

    private static Timestamp Midnight(DateOnly day) => Timestamp.FromDateTime(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static void Require(bool condition, string? why)
    {
        if (!condition)
        {
            throw new InvalidOperationException(why ?? "the import failed");
        }
    }
}
