using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Programs;
using LoyaltyGrid.Domain.Security;
using LoyaltyGrid.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyGrid.Grains.Tests;

/// <summary>
/// Every grain method, called from inside each silo (as the gRPC services call them), so that one of the two calls
/// reaches an activation on the other silo and its arguments and reply cross silo-to-silo serialization. A reply
/// type that only works within one silo fails here, whichever silo the grain happens to live on.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossSiloReplyTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_program_grain_method_answers_a_caller_on_either_silo()
    {
        var program = NewId();
        var create = new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null);
        var coupons = new CreatePromotion(NewId(), program, "admin", "five-off", "Five off", new CouponRule(500, 0, 0),
            fixture.Time.GetUtcNow().AddHours(-1), fixture.Time.GetUtcNow().AddDays(30), PromotionTarget.Everyone, 0, null, []);

        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).Create(create));
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).Change(coupons));
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).Get());
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).History());
        var issued = await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).Change(
            new IssueCoupons("issue-1", program, "admin", "five-off", 1, null, 1, null, null)));
        var code = ((CouponsIssued)issued.Unwrap().Event).Batch.Codes[0];
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).FindCoupon(code));
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(program).FindCoupon("no-such-code"));
        var missing = NewId();
        await OnEverySiloAsync(g => g.GetGrain<IProgramGrain>(missing).History());
    }

    [Fact]
    public async Task Every_member_grain_method_answers_a_caller_on_either_silo()
    {
        var program = NewId();
        (await fixture.Grains.GetGrain<IProgramGrain>(program).Create(
            new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var member = NewId();
        IMemberGrain Member(IGrainFactory g) => g.GetGrain<IMemberGrain>(MemberKey.For(program, member));
        var purchase = new RecordPurchase(NewId(), program, member, "merchant-1", "store-1", "term-1", "EUR",
            [new PurchaseLine("sku-1", "general", 2, 5000)], fixture.Time.GetUtcNow());

        await OnEverySiloAsync(g => Member(g).Enroll(new EnrollMember("enroll-1", program, member, null)));
        // A preview names a new transaction each time.
        await OnEverySiloAsync(g => Member(g).PreviewPurchase(purchase), sameAnswer: false);
        var recorded = (await OnEverySiloAsync(g => Member(g).RecordPurchase(purchase))).Unwrap();
        await OnEverySiloAsync(g => Member(g).RecordReturn(new RecordReturn(
            "return-1", program, member, recorded.TransactionId, [new ReturnLine("sku-1", 1)], "merchant-1", "store-1", "term-1", null)));
        var hold = (await OnEverySiloAsync(g => Member(g).AuthorizeRedemption(
            new AuthorizeRedemption("hold-1", program, member, 100, "merchant-1", "store-1", "term-1")))).Unwrap();
        await OnEverySiloAsync(g => Member(g).CaptureRedemption(new CaptureRedemption("capture-1", program, member, hold.HoldId, "merchant-1")));
        var second = (await OnEverySiloAsync(g => Member(g).AuthorizeRedemption(
            new AuthorizeRedemption("hold-2", program, member, 100, "merchant-1", "store-1", "term-1")))).Unwrap();
        await OnEverySiloAsync(g => Member(g).VoidRedemption(new VoidRedemption("void-1", program, member, second.HoldId, "merchant-1")));
        await OnEverySiloAsync(g => Member(g).ReinstateExpiredPoints(
            new ReinstateMemberPoints("reinstate-1", program, member, "admin", null, null, "test")));
        await OnEverySiloAsync(g => Member(g).Get());
        await OnEverySiloAsync(g => Member(g).ListLedger(10, null));
        await OnEverySiloAsync(async g => { await Member(g).WakeUp(); return true; });
    }

    [Fact]
    public async Task Every_coupon_and_card_alias_grain_method_answers_a_caller_on_either_silo()
    {
        var program = NewId();
        var grain = fixture.Grains.GetGrain<IProgramGrain>(program);
        (await grain.Create(new CreateProgram(NewId(), program, "Shop", "EUR", 10, null, null, null))).Unwrap();
        var now = fixture.Time.GetUtcNow();
        (await grain.Change(new CreatePromotion(NewId(), program, "admin", "five-off", "Five off", new CouponRule(500, 0, 0),
            now.AddHours(-1), now.AddDays(30), PromotionTarget.Everyone, 0, null, []))).Unwrap();
        var issued = (await grain.Change(new IssueCoupons(NewId(), program, "admin", "five-off", 1, null, 1, null, null))).Unwrap();
        var coupon = CouponKey.For(program, ((CouponsIssued)issued.Event).Batch.Codes[0]);
        var alias = CardAliasKey.For(program, NewId());

        await OnEverySiloAsync(g => g.GetGrain<ICouponGrain>(coupon).Check());
        await OnEverySiloAsync(g => g.GetGrain<ICouponGrain>(coupon).Redeem("alice", "use-1"));
        await OnEverySiloAsync(g => g.GetGrain<ICouponGrain>(coupon).Release("alice", "use-1"));
        // The first claim answers true, the second false (alice already holds it).
        await OnEverySiloAsync(g => g.GetGrain<ICardAliasGrain>(alias).Claim("alice"), sameAnswer: false);
        await OnEverySiloAsync(g => g.GetGrain<ICardAliasGrain>(alias).Owner());
        await OnEverySiloAsync(async g => { await g.GetGrain<ICardAliasGrain>(alias).Release("bob"); return true; });
    }

    [Fact]
    public async Task Every_key_directory_method_answers_a_caller_on_either_silo()
    {
        const string bootstrap = "cross-silo-bootstrap-admin-key-0123456789";
        IKeyDirectoryGrain Directory(IGrainFactory g) => g.GetGrain<IKeyDirectoryGrain>(KeyDirectoryGrain.Key);

        await OnEverySiloAsync(g => Directory(g).EnsureBootstrap(bootstrap));
        var admin = (await OnEverySiloAsync(g => Directory(g).Find(ApiKeySecret.BootstrapKeyId(bootstrap))))!;
        var program = NewId();
        // Each silo issues its own key: a second issue under one request_id is refused (KEY_ALREADY_ISSUED).
        var issued = (await OnEverySiloAsync(g => Directory(g).Issue(
            new IssueApiKey(NewId(), "till", ApiRole.Terminal, program, "merchant-1", "store-1"), admin), sameAnswer: false)).Unwrap();
        await OnEverySiloAsync(g => Directory(g).Find(issued.Key.KeyId));
        await OnEverySiloAsync(g => Directory(g).List(admin, program));
        await OnEverySiloAsync(g => Directory(g).Revoke("revoke-1", issued.Key.KeyId, admin));
    }

    /// <summary>
    /// Runs <paramref name="call"/> from each silo in turn and returns the first answer, after checking (unless the
    /// call is not idempotent) that both silos got the same one (as JSON: records compare lists by reference).
    /// </summary>
    private async Task<T> OnEverySiloAsync<T>(Func<IGrainFactory, Task<T>> call, bool sameAnswer = true)
    {
        var answers = new List<T>();
        foreach (var silo in fixture.Cluster.Silos)
        {
            answers.Add(await call(fixture.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>()));
        }
        Assert.Equal(2, answers.Count);
        if (sameAnswer)
        {
            Assert.Equal(JournalJson.Serialize(answers[0]), JournalJson.Serialize(answers[1]));
        }
        return answers[0];
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..20];
}
