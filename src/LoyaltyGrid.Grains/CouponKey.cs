namespace LoyaltyGrid.Grains;

/// <summary>Coupon grain keys and streams: <c>{program_id}/{code}</c>. Ids cannot contain '/', so the split is unambiguous.</summary>
public static class CouponKey
{
    public static string For(string programId, string code) => $"{programId}/{code}";

    public static string StreamOf(string grainKey) => "coupon/" + grainKey;

    /// <summary>A coupon use: one per member purchase request, so a retried purchase never uses a code twice.</summary>
    public static string UseOf(string memberId, string purchaseRequestId) => $"{memberId}/{purchaseRequestId}";

    public static (string ProgramId, string Code) Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        return (grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
