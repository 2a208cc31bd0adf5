using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Messaging;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage.Formats;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>The tier warning in a real member grain: woken before the review, the check is journaled once, and a retried wake-up adds nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TierWarningGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_member_woken_before_its_review_journals_one_tier_risk_check_and_a_second_wake_up_adds_none()
    {
        var program = NewId();
        var programs = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await programs.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        (await programs.Change(new SetTierPolicy(NewId(), program, "admin", new TierPolicy(TierMetric.QualifyingSpend, 12, 12, 0)))).Unwrap();
        (await programs.Change(new UpsertTier(NewId(), program, "admin", new TierDefinition("silver", "Silver", 10_000, 100, [])))).Unwrap();
        (await programs.Change(new SetMessagingPolicy(NewId(), program, "admin", new MessagingPolicy() { TierWarningDays = 30 }))).Unwrap();
        var member = NewId();
        var key = MemberKey.For(program, member);
        var grain = fixture.Grains.GetGrain<IMemberGrain>(key);
        (await grain.Enroll(new EnrollMember(NewId(), program, member, null))).Unwrap();
        (await grain.RecordPurchase(new RecordPurchase(NewId(), program, member, "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("coat", "general", 1, 10_000)], fixture.Time.GetUtcNow()))).Unwrap();
        var review = (await grain.Get()).Unwrap().Overview.TierReviewAt!.Value;

        fixture.Time.SetUtcNow(review.AddDays(-29));
        await grain.WakeUp();
        await grain.WakeUp();

        var checks = (await JournalAsync(key)).OfType<TierRiskChecked>().ToArray();
        var check = Assert.Single(checks);
        Assert.Equal(("silver", review, 0L, 10_000L, true), (check.TierId, check.ReviewAt, check.Metric, check.Threshold, check.AtRisk));
    }

    private async Task<IReadOnlyList<MemberEvent>> JournalAsync(string memberKey)
    {
        var stored = await fixture.Store.ReadBackwardAsync(MemberKey.StreamOf(memberKey), long.MaxValue, 1_000, CancellationToken.None);
        return [.. stored.OrderBy(e => e.Sequence).Select(e => MemberEventCodec.Instance.Decode(e.Payload))];
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
