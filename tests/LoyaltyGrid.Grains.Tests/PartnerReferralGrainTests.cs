using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Coalitions;
using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// Partner referrals through the grains: the program grain claims a partner's code in the code's grain (the same one
/// every time, and never a member's), and a member enrolled with it keeps what it needs across a reload from a snapshot.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PartnerReferralGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_partners_code_is_the_same_on_every_call_and_owned_by_the_partner_not_a_member()
    {
        var program = await CoalitionAsync();
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);

        var code = (await grain.GetPartnerReferralCode("bakery")).Unwrap();
        var again = (await grain.GetPartnerReferralCode("bakery")).Unwrap();
        var books = (await grain.GetPartnerReferralCode("books")).Unwrap();
        var codeGrain = fixture.Grains.GetGrain<IReferralCodeGrain>(CardAliasKey.For(program, code));
        var memberClaim = await codeGrain.Claim("ann", null);
        await codeGrain.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);
        var owner = await codeGrain.Owner();
        var unknown = await grain.GetPartnerReferralCode("florist");

        Assert.Equal((code, PartnerReferrals.CodeOf(program, "bakery", 1)), (again, code));
        Assert.NotEqual(code, books);
        Assert.False(memberClaim);
        Assert.Equal(new ReferralCodeOwner("", null) { PartnerId = "bakery" }, owner);
        Assert.Equal((ErrorKind.NotFound, "PARTNER_NOT_FOUND"), (unknown.Error!.Kind, unknown.Error.Reason));
        // A member's code is never a partner's.
        var memberCode = fixture.Grains.GetGrain<IReferralCodeGrain>(CardAliasKey.For(program, "00000000"));
        Assert.True(await memberCode.Claim("ann", null));
        Assert.False(await memberCode.ClaimForPartner("bakery"));
    }

    [Fact]
    public async Task A_referred_member_reloaded_from_a_snapshot_makes_its_fee_due_once()
    {
        var program = await CoalitionAsync();
        var code = (await fixture.Grains.GetGrain<IProgramGrain>(program).GetPartnerReferralCode("bakery")).Unwrap();
        var member = NewId();
        (await Member(program, member).Enroll(new EnrollMember(NewId(), program, member, null) { ReferralCode = code })).Unwrap();
        for (var i = 0; i < 6; i++)
        {
            (await Member(program, member).RecordPurchase(Purchase(program, member, "bakery"))).Unwrap();
        }
        (await Member(program, member).RecordPurchase(Purchase(program, member, "books"))).Unwrap();
        for (var i = 0; i < 5; i++)
        {
            (await Member(program, member).RecordPurchase(Purchase(program, member, "bakery"))).Unwrap();
        }
        // Reloaded from a snapshot taken after the fee was made due: the snapshot says so (member snapshot field 101).
        var stream = MemberKey.StreamOf(MemberKey.For(program, member));
        var feeAt = (await fixture.Store.ReadForwardAsync(stream, 0, CancellationToken.None))
            .First(e => Storage.Formats.MemberEventCodec.Instance.Decode(e.Payload) is PartnerReferralFeeDue).Sequence;
        await fixture.WaitForSnapshotAsync(program, member, atLeast: feeAt);
        await Member(program, member).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        (await Member(program, member).RecordPurchase(Purchase(program, member, "books"))).Unwrap();
        var partner = (await Member(program, member).ReferringPartner()).Unwrap();

        var events = (await fixture.Store.ReadForwardAsync(stream, 0, CancellationToken.None))
            .Select(e => Storage.Formats.MemberEventCodec.Instance.Decode(e.Payload)).ToArray();
        Assert.Equal("bakery", partner);
        var fee = Assert.Single(events.OfType<PartnerReferralFeeDue>());
        Assert.Equal(("bakery", "books", 400L), (fee.PartnerId, fee.MerchantId, fee.FeeMinor));
        Assert.Equal(code, Assert.Single(events.OfType<PartnerReferred>()).Code);
        Assert.Empty(events.OfType<ReferredBy>());
    }

    private async Task<string> CoalitionAsync()
    {
        var program = NewId();
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await grain.Create(new CreateProgram(NewId(), program, "High Street", "EUR", 10, null, null, null))).Unwrap();
        (await grain.Change(new ConfigureCoalition(NewId(), program, "admin", "Operator", 8500))).Unwrap();
        (await grain.Change(new JoinPartner(NewId(), program, "admin", new PartnerTerms("bakery", 10, 9_500, 8_000) { ReferralFeeMinor = 400 }, null))).Unwrap();
        (await grain.Change(new JoinPartner(NewId(), program, "admin", new PartnerTerms("books", 10, 9_500, 8_000), null))).Unwrap();
        return program;
    }

    private IMemberGrain Member(string program, string member) => fixture.Grains.GetGrain<IMemberGrain>(MemberKey.For(program, member));

    private RecordPurchase Purchase(string program, string member, string merchant) => new(
        NewId(), program, member, merchant, "store-1", "term-1", "EUR", [new PurchaseLine("sku-1", "general", 1, 1_000)], fixture.Time.GetUtcNow());


    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
