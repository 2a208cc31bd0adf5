using Google.Protobuf.WellKnownTypes;
using LoyaltyGrid.Api.V1;
using static LoyaltyGrid.EndToEnd.Tests.Pos;

namespace LoyaltyGrid.EndToEnd.Tests;

/// <summary>GetMember's purchase count and first and last purchase times, over gRPC against the real silo.</summary>
public sealed class PurchaseHistoryTests(EmbeddedSiloFixture silo) : IClassFixture<EmbeddedSiloFixture>
{
    [Fact]
    public async Task GetMember_counts_kept_purchases_and_says_when_the_first_and_last_were_also_after_reloading_from_the_journal()
    {
        var program = await CreateProgramAsync(silo);
        var member = await EnrollAsync(silo, program);
        var fresh = await GetAsync(program, member);
        Assert.Equal((0L, null, null), (fresh.PurchaseCount, fresh.FirstPurchaseAt, fresh.LastPurchaseAt));

        var now = DateTime.UtcNow;
        var earlier = Purchase(program, member, ("shirt", 1, 2000));
        earlier.OccurredAt = Timestamp.FromDateTime(now.AddDays(-2)); // an offline till's upload
        var latest = Purchase(program, member, ("socks", 1, 500));
        latest.OccurredAt = Timestamp.FromDateTime(now);
        var middle = Purchase(program, member, ("hat", 1, 1000));
        middle.OccurredAt = Timestamp.FromDateTime(now.AddDays(-1));
        await silo.Checkout.RecordPurchaseAsync(latest);
        await silo.Checkout.RecordPurchaseAsync(earlier);
        var returned = await silo.Checkout.RecordPurchaseAsync(middle);
        await silo.Checkout.RecordReturnAsync(new RecordReturnRequest
        {
            RequestId = NewId("req"), ProgramId = program, MemberId = member, TransactionId = returned.TransactionId,
            Lines = { new ReturnLine { Sku = "hat", Quantity = 1 } },
        });

        var shown = await GetAsync(program, member);
        await new Diagnostics.DiagnosticsClient(silo.Silo.Channel).DeactivateMemberAsync(new DeactivateMemberRequest { ProgramId = program, MemberId = member });
        var reloaded = await GetAsync(program, member);

        // Three purchases, one wholly returned; the first is the offline upload.
        Assert.Equal((2L, earlier.OccurredAt, latest.OccurredAt), (shown.PurchaseCount, shown.FirstPurchaseAt, shown.LastPurchaseAt));
        Assert.Equal(shown, reloaded);
    }

    private async Task<Member> GetAsync(string program, string member) =>
        (await silo.Members.GetMemberAsync(new GetMemberRequest { ProgramId = program, MemberId = member })).Member;
}
