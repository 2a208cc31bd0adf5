using LoyaltyGrid.Domain.Members;
using LoyaltyGrid.Domain.Tests.Builders;

namespace LoyaltyGrid.Domain.Tests;

public sealed class FingerprintTests
{
    private static readonly RecordPurchase Purchase = new("req-1", "prog-1", "member-1", "merchant-1", "store-1", "till-1", "EUR",
        [new PurchaseLine("item", "general", 2, 1250)], null);

    [Fact]
    public void Equal_requests_have_equal_fingerprints()
    {
        var copy = Purchase with { Lines = [new PurchaseLine("item", "general", 2, 1250)] };

        Assert.Equal(Fingerprint.Of(Purchase), Fingerprint.Of(copy));
        Assert.Equal(Fingerprint.Of(Purchase), Fingerprint.Of(copy));
    }

    [Fact]
    public void Any_changed_field_changes_the_fingerprint()
    {
        var changed = new[]
        {
            Purchase with { StoreId = "store-2" },
            Purchase with { Lines = [new PurchaseLine("item", "general", 3, 1250)] },
            Purchase with { Lines = [new PurchaseLine("item", "general", 2, 1250) { Labels = ["red"] }] },
            Purchase with { Lines = [new PurchaseLine("item", "general", 2, 1250) { Delivery = true }] },
            Purchase with { OccurredAt = new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero) },
        };

        Assert.All(changed, c => Assert.NotEqual(Fingerprint.Of(Purchase), Fingerprint.Of(c)));
    }
}

public sealed class FingerprintVersionTests
{
    private static readonly RecordPurchase Purchase = new("req-1", "prog-1", "member-1", "merchant-1", "store-1", "till-1", "EUR",
        [new PurchaseLine("item", "general", 2, 1250)], new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero), ["CODE-1"], ["benefit-1"]);

    [Fact]
    public void A_member_command_is_digested_from_its_explicit_fields_and_the_digest_is_pinned()
    {
        // Pinned: it is written into every journal event, so it changes only with a new version prefix.
        Assert.Equal("2:sGHb5qXa9We3uJqezj/VQg==", Fingerprint.Of(Purchase));
        Assert.Equal(Fingerprint.Of(Purchase), Fingerprint.Of(Purchase with { OccurredAt = Purchase.OccurredAt!.Value.ToOffset(TimeSpan.FromHours(2)) }));
        Assert.NotEqual(Fingerprint.Of(Purchase), Fingerprint.Of(Purchase with { AppliedBenefitIds = null }));
        Assert.Equal(Fingerprint.Of(Purchase with { CouponCodes = null }), Fingerprint.Of(Purchase with { CouponCodes = [] }));
    }

    [Fact]
    public void A_capture_or_void_naming_another_store_is_another_request()
    {
        var capture = new CaptureRedemption("req-1", "prog-1", "member-1", "hold-1", "m", "store-1");
        var @void = new VoidRedemption("req-1", "prog-1", "member-1", "hold-1", "m", "store-1");

        Assert.NotEqual(Fingerprint.Of(capture), Fingerprint.Of(capture with { StoreId = "store-2" }));
        Assert.NotEqual(Fingerprint.Of(@void), Fingerprint.Of(@void with { StoreId = "store-2" }));
        Assert.NotEqual(Fingerprint.Of(capture), Fingerprint.Of(capture with { StoreId = null }));
    }

    [Fact]
    public void Fields_that_run_into_each_other_do_not_collide()
    {
        var a = new CaptureRedemption("req-1", "prog-1", "member-1", "hold-12", "m");
        var b = new CaptureRedemption("req-1", "prog-1", "member-1", "hold-1", "2m");
        var voided = new VoidRedemption("req-1", "prog-1", "member-1", "hold-12", "m");

        Assert.NotEqual(Fingerprint.Of(a), Fingerprint.Of(b));
        Assert.NotEqual(Fingerprint.Of(a), Fingerprint.Of(voided));
    }

    [Fact]
    public void A_retry_of_a_request_recorded_with_a_legacy_fingerprint_is_a_replay_and_a_different_request_is_still_refused()
    {
        var original = TestMember.Enrolled();
        var purchase = original.PurchaseOf(new Basket().Line("item", 2, 1250), requestId: "pos-42");
        var first = original.Handle(purchase);
        // The journal as 0384d1b wrote it: the same events, fingerprinted from the command's C# JSON.
        var upgraded = new MemberState();
        var sequence = 0L;
        foreach (var e in original.Journal.Select(j => j.Event))
        {
            upgraded.Apply(e.RequestId == "pos-42" ? e with { Fingerprint = Fingerprint.Legacy(purchase) } : e, ++sequence);
        }
        var account = new MemberAccount(upgraded, original.Rules);

        var retry = account.Handle(purchase, original.Now);
        var reused = Assert.Throws<LoyaltyException>(() =>
            account.Handle(purchase with { Lines = [new PurchaseLine("item", "general", 3, 1250)] }, original.Now));

        Assert.True(retry.IsReplay);
        Assert.Equal(((PurchaseRecorded)first.Result).TransactionId,
            ((PurchaseRecorded)original.Journal[(int)retry.ReplayOf!.Value - 1].Event).TransactionId);
        Assert.Equal("REQUEST_ID_REUSED", reused.Error.Reason);
    }
}
