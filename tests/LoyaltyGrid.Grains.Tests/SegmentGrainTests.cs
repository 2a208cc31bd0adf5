using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>The member grain keeps its segments across reactivation, takes in a segment defined later, and leaves by time alone.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SegmentGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_member_keeps_its_segments_across_reactivation_enters_a_later_one_lazily_and_leaves_when_its_purchase_leaves_the_window()
    {
        var program = NewId();
        var programs = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await programs.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        (await programs.Change(new DefineSegment(NewId(), program, "key:a", "weekly", "Weekly", new SegmentConditions { WindowDays = 7, MinPurchases = 1 }))).Unwrap();
        var memberId = NewId();
        var member = fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, memberId));
        (await member.Enroll(new EnrollMember(NewId(), program, memberId, null))).Unwrap();

        (await member.RecordPurchase(new RecordPurchase(NewId(), program, memberId, "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("sku-1", "general", 1, 2_000)], fixture.Time.GetUtcNow()))).Unwrap();
        Assert.Equal(["weekly"], (await member.Segments()).Unwrap());
        await DeactivateAsync(member);
        Assert.Equal(["weekly"], (await member.Segments()).Unwrap());

        // Defined after the member exists: taken in on the member's next request, not by a scan.
        (await programs.Change(new DefineSegment(NewId(), program, "key:a", "earners", "Earners", new SegmentConditions { MinPoints = 100 }))).Unwrap();
        Assert.Equal(["earners", "weekly"], (await member.Segments()).Unwrap());

        fixture.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await DeactivateAsync(member);
        Assert.Equal(["earners"], (await member.Segments()).Unwrap());
    }

    private static async Task DeactivateAsync(IMemberGrain grain)
    {
        await grain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
