using LoyaltyGrid.Domain;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Storage;
using Orleans.Core.Internal;

namespace LoyaltyGrid.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class CouponGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_single_use_code_is_redeemed_once_and_the_next_member_gets_used_up()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1);
        var coupon = Coupon(program, batch.Codes[0]);

        var first = (await coupon.Redeem("alice", "purchase-1")).Unwrap();
        var second = await coupon.Redeem("bob", "purchase-1");

        // Records compare lists by reference, so compare the status as JSON.
        Assert.Equal(JournalJson.Serialize(new CouponStatus(batch.Codes[0], batch, 1)), JournalJson.Serialize(first));
        Assert.Equal((ErrorKind.FailedPrecondition, "COUPON_USED_UP"), (second.Error!.Kind, second.Error.Reason));
        Assert.Equal(1, (await coupon.Check()).Uses);
    }

    [Fact]
    public async Task A_redemption_retried_with_the_same_use_id_succeeds_without_a_second_use()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1);
        var coupon = Coupon(program, batch.Codes[0]);
        (await coupon.Redeem("alice", "purchase-1")).Unwrap();

        var retry = (await coupon.Redeem("alice", "purchase-1")).Unwrap();

        Assert.Equal(1, retry.Uses);
    }

    [Fact]
    public async Task A_released_use_frees_the_code_for_another_member()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1);
        var coupon = Coupon(program, batch.Codes[0]);
        (await coupon.Redeem("alice", "purchase-1")).Unwrap();

        var released = await coupon.Release("alice", "purchase-1");
        var bob = (await coupon.Redeem("bob", "purchase-7")).Unwrap();

        Assert.Equal((0, 1), (released.Uses, bob.Uses));
    }

    [Fact]
    public async Task Releasing_a_use_that_was_never_made_changes_nothing()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1);
        var coupon = Coupon(program, batch.Codes[0]);
        (await coupon.Redeem("alice", "purchase-1")).Unwrap();

        // Use ids are unique only per member: bob's purchase-1 is not alice's.
        var released = await coupon.Release("bob", "purchase-1");

        Assert.Equal(1, released.Uses);
        Assert.Equal("COUPON_USED_UP", (await coupon.Redeem("bob", "purchase-2")).Error!.Reason);
    }

    [Fact]
    public async Task A_code_issued_to_one_member_is_refused_to_another()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1, memberId: "alice");
        var coupon = Coupon(program, batch.Codes[0]);

        var bob = await coupon.Redeem("bob", "purchase-1");
        var alice = await coupon.Redeem("alice", "purchase-1");

        Assert.Equal((ErrorKind.FailedPrecondition, "COUPON_NOT_YOURS"), (bob.Error!.Kind, bob.Error.Reason));
        Assert.Equal(1, alice.Unwrap().Uses);
    }

    [Fact]
    public async Task An_unknown_code_is_not_found()
    {
        var (program, _) = await IssuedAsync(maxUses: 1);
        var coupon = Coupon(program, "NOPE-NOPE-NOPE");

        var reply = await coupon.Redeem("alice", "purchase-1");

        Assert.Equal((ErrorKind.NotFound, "COUPON_NOT_FOUND"), (reply.Error!.Kind, reply.Error.Reason));
        Assert.Equal(new CouponStatus("NOPE-NOPE-NOPE", null, 0), await coupon.Check());
    }

    [Fact]
    public async Task A_multi_use_code_counts_its_uses_up_to_the_limit()
    {
        var (program, batch) = await IssuedAsync(maxUses: 3);
        var coupon = Coupon(program, batch.Codes[0]);

        var uses = new List<int>();
        foreach (var member in new[] { "alice", "bob", "carol" })
        {
            uses.Add((await coupon.Redeem(member, "purchase-1")).Unwrap().Uses);
        }
        var fourth = await coupon.Redeem("dave", "purchase-1");

        Assert.Equal([1, 2, 3], uses);
        Assert.Equal("COUPON_USED_UP", fourth.Error!.Reason);
    }

    [Fact]
    public async Task Each_code_of_a_batch_has_its_own_uses()
    {
        var (program, batch) = await IssuedAsync(maxUses: 1, count: 2);

        (await Coupon(program, batch.Codes[0]).Redeem("alice", "purchase-1")).Unwrap();

        Assert.Equal(1, (await Coupon(program, batch.Codes[1]).Redeem("alice", "purchase-2")).Unwrap().Uses);
    }

    [Fact]
    public async Task Uses_survive_deactivation()
    {
        var (program, batch) = await IssuedAsync(maxUses: 2);
        var coupon = Coupon(program, batch.Codes[0]);
        (await coupon.Redeem("alice", "purchase-1")).Unwrap();
        (await coupon.Redeem("bob", "purchase-1")).Unwrap();
        await coupon.Release("alice", "purchase-1");

        await coupon.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Task.Delay(200);

        Assert.Equal(1, (await coupon.Check()).Uses);
        Assert.Equal(1, (await coupon.Redeem("bob", "purchase-1")).Unwrap().Uses);
    }

    [Fact]
    public async Task A_code_is_refused_before_its_validity_starts_and_after_it_ends()
    {
        var now = fixture.Time.GetUtcNow();
        var (program, batch) = await IssuedAsync(maxUses: 1, validFrom: now.AddHours(1), validUntil: now.AddHours(2));
        var coupon = Coupon(program, batch.Codes[0]);

        var early = await coupon.Redeem("alice", "purchase-1");
        fixture.Time.Advance(TimeSpan.FromHours(3));
        var late = await coupon.Redeem("alice", "purchase-1");

        Assert.Equal(("COUPON_NOT_YET_VALID", "COUPON_EXPIRED"), (early.Error!.Reason, late.Error!.Reason));
        Assert.Equal(0, (await coupon.Check()).Uses);
    }

    private async Task<(string Program, CouponBatch Batch)> IssuedAsync(
        int maxUses, string? memberId = null, int count = 1, DateTimeOffset? validFrom = null, DateTimeOffset? validUntil = null)
    {
        var program = NewId();
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await grain.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var now = fixture.Time.GetUtcNow();
        (await grain.Change(new CreatePromotion(NewId(), program, "admin", "five-off", "Five off", new CouponRule(500, 0, 0),
            now.AddHours(-1), now.AddDays(30), PromotionTarget.Everyone, 0, null, []))).Unwrap();
        var issued = (await grain.Change(new IssueCoupons(NewId(), program, "admin", "five-off", count, memberId, maxUses,
            validFrom, validUntil))).Unwrap();
        return (program, ((CouponsIssued)issued.Event).Batch);
    }

    private ICouponGrain Coupon(string program, string code) => fixture.Grains.GetGrain<ICouponGrain>(CouponKey.For(program, code));

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
