using LoyaltyGrid.Domain.Members;

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
            Purchase with { OccurredAt = new DateTimeOffset(2025, 6, 1, 11, 0, 0, TimeSpan.Zero) },
        };

        Assert.All(changed, c => Assert.NotEqual(Fingerprint.Of(Purchase), Fingerprint.Of(c)));
    }
}
