using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using LoyaltyGrid.Api.V1;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>Builders for what a POS terminal sends, and readers for what it gets back.</summary>
public static class Pos
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, 64)];

    public static async Task<string> CreateProgramAsync(SiloFixture silo, long pointsPerUnit = 10, bool allowNegative = true,
        TimeSpan? holdTtl = null, string currency = "EUR")
    {
        var programId = NewId("prog");
        var request = new CreateProgramRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            Name = "Test program",
            Currency = currency,
            PointsPerCurrencyUnit = pointsPerUnit,
            AllowNegativeBalance = allowNegative,
        };
        if (holdTtl is { } ttl)
        {
            request.HoldTtl = Duration.FromTimeSpan(ttl);
        }
        await silo.Programs.CreateProgramAsync(request);
        return programId;
    }

    public static async Task<string> EnrollAsync(SiloFixture silo, string programId)
    {
        var response = await silo.Members.EnrollMemberAsync(new EnrollMemberRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            MemberId = NewId("mem"),
        });
        return response.Member.MemberId;
    }

    public static RecordPurchaseRequest Purchase(string programId, string memberId, params (string Sku, long Quantity, long UnitPriceMinor)[] lines)
    {
        var request = new RecordPurchaseRequest
        {
            RequestId = NewId("req"),
            ProgramId = programId,
            MemberId = memberId,
            MerchantId = "merchant-1",
            StoreId = "store-1",
            TerminalId = "term-1",
            Currency = "EUR",
            OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow),
        };
        request.Lines.AddRange(lines.Select(l => new PurchaseLine
        {
            Sku = l.Sku,
            Category = "general",
            Quantity = l.Quantity,
            UnitPriceMinor = l.UnitPriceMinor,
        }));
        return request;
    }

    public static AuthorizeRedemptionRequest Authorize(string programId, string memberId, long points) => new()
    {
        RequestId = NewId("req"),
        ProgramId = programId,
        MemberId = memberId,
        Points = points,
        MerchantId = "merchant-1",
        StoreId = "store-1",
        TerminalId = "term-1",
    };

    /// <summary>A member's whole statement, following next_page_token page by page.</summary>
    public static async Task<List<LedgerEntry>> LedgerAsync(SiloFixture silo, string programId, string memberId, int pageSize = 500)
    {
        var entries = new List<LedgerEntry>();
        var token = "";
        do
        {
            var page = await silo.Members.ListLedgerEntriesAsync(new ListLedgerEntriesRequest
            {
                ProgramId = programId,
                MemberId = memberId,
                PageSize = pageSize,
                PageToken = token,
            });
            entries.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token != "");
        return entries;
    }

    /// <summary>The ErrorInfo reason and field violations of a refused call.</summary>
    public static (StatusCode Code, string Reason, IReadOnlyList<string> Fields) Refusal(RpcException ex)
    {
        var status = ex.GetRpcStatus() ?? throw new Xunit.Sdk.XunitException($"No rich status on {ex.Status}");
        var reason = status.GetDetail<ErrorInfo>()?.Reason ?? "";
        var fields = status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToArray() ?? [];
        return (ex.StatusCode, reason, fields);
    }

    public static async Task<(StatusCode Code, string Reason, IReadOnlyList<string> Fields)> RefusedAsync<T>(AsyncUnaryCall<T> call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await call);
        return Refusal(ex);
    }
}
